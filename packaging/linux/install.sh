#!/bin/sh
# Install the built program for the current user (no administrator): the program folder, a
# `tiepcan` command, the menu entry, the icon and the file types. Run from a checkout after
# `python packaging/build.py`, or from the unpacked release folder:
#     sh packaging/linux/install.sh [PROGRAM_FOLDER]
# Installing a newer version over an older one replaces the program only; the data folder
# (~/.local/share/TiepCan) is never touched, and is migrated when the new version opens it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
program=${1:-"$here/../../build/dist/tiepcan"}
[ -x "$program/tiepcan" ] || { echo "No built program in $program: run python packaging/build.py first." >&2; exit 1; }
data=${XDG_DATA_HOME:-"$HOME/.local/share"}
target="$HOME/.local/opt/tiepcan"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" "$data/mime/packages" \
  "$data/icons/hicolor/256x256/apps"
rm -rf "$target.new"
cp -a "$program" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/tiepcan" "$HOME/.local/bin/tiepcan"
cp "$here/tiepcan-mime.xml" "$data/mime/packages/tiepcan.xml"
cp "$here/../../resources/icons/tiepcan.png" "$data/icons/hicolor/256x256/apps/tiepcan.png" 2>/dev/null \
  || cp "$target/_internal/app/_resources/icons/tiepcan.png" "$data/icons/hicolor/256x256/apps/tiepcan.png"
sed "s|^Exec=tiepcan|Exec=$target/tiepcan|; s|^TryExec=tiepcan|TryExec=$target/tiepcan|" \
  "$here/tiepcan.desktop" > "$data/applications/tiepcan.desktop"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "TiepCan is installed in $target; open it from the menu or type: tiepcan"
