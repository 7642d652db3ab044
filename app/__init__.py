"""TiepCan core: records, store, services, sync and reports. Never imports Qt."""

__version__ = "0.1.0"
