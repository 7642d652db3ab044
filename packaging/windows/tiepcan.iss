; TiepCan for Windows: the installer script (Inno Setup 6.5 or newer).
;
; Build it with packaging\windows\build_installer.py, which passes the version and the program
; folder made by packaging\build.py (README.md beside this file tells the steps). By hand:
;   ISCC /DAppVersion=0.1.0 packaging\windows\tiepcan.iss
;
; What it does, for the user who runs it and without administrator rights: installs the
; one-folder program into %LOCALAPPDATA%\Programs\TiepCan, adds TiepCan to the Start menu (and
; the desktop), and opens .tcb bundles, .tcr receipts and .card key cards in TiepCan on a
; double-click. The data folder is the program's own business: nothing here writes or deletes
; it, so installing a newer version over an older one keeps the data, and the program itself
; backs the database up and migrates it on its first start.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (packaging\windows\build_installer.py does)
#endif
#ifndef VersionNumbers
  #define VersionNumbers AppVersion
#endif
; The folder packaging\build.py makes (the build script passes it; this is its default place).
#ifndef BuildDir
  #define BuildDir "..\..\build\dist\tiepcan"
#endif

[Setup]
; The same AppId for every version: a newer setup finds the older installation and replaces it
; in place (same folder, same shortcuts, one entry in Settings > Apps). Never change it.
AppId={{BD87D78E-FE8C-4A6D-9F2A-D4B851C9A151}
AppName=TiepCan
AppVersion={#AppVersion}
AppVerName=TiepCan {#AppVersion}
AppPublisher=TiepCan developers
VersionInfoVersion={#VersionNumbers}
VersionInfoProductName=TiepCan
UninstallDisplayName=TiepCan
UninstallDisplayIcon={app}\TiepCan.exe
SetupIconFile=..\icons\tiepcan.ico
; Per user, no administrator: an office PC rarely gives its officer those rights.
PrivilegesRequired=lowest
; Not %LOCALAPPDATA%\TiepCan: that is the data folder (platformdirs' user_data_dir), and the
; program folder is replaced on every upgrade and removed on uninstall.
DefaultDirName={localappdata}\Programs\TiepCan
DisableDirPage=yes
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousLanguage=yes
ChangesAssociations=yes
; A running TiepCan holds its files open: close it (each change is already saved) before they
; are replaced. Python extension modules (.pyd) count as the program's files too.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=yes
LanguageDetectionMethod=uilanguage
OutputDir=..\..\build\installer
OutputBaseFilename=TiepCan-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes

[Languages]
; Vietnamese first: the language chosen when Windows speaks neither. Default.isl comes first in
; its list so that a message a later Inno Setup adds shows in English rather than not at all.
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
; Uninstalling removes the program, never the data: say so before the user confirms.
vi.ConfirmUninstall=Gỡ %1 khỏi máy tính này?%n%nDữ liệu (bản ghi, khóa và các bản sao lưu) vẫn được giữ nguyên.
en.ConfirmUninstall=Remove %1 from this computer?%n%nThe data (records, keys and backups) is kept.

[CustomMessages]
vi.BundleFileType=Gói dữ liệu TiepCan
en.BundleFileType=TiepCan data bundle
vi.ReceiptFileType=Biên nhận TiepCan
en.ReceiptFileType=TiepCan receipt
vi.CardFileType=Thẻ khóa TiepCan
en.CardFileType=TiepCan key card
vi.OpenWithTiepCan=Mở bằng TiepCan
en.OpenWithTiepCan=Open with TiepCan
vi.StartTiepCan=Mở TiepCan
en.StartTiepCan=Open TiepCan
vi.ShortcutName=TiepCan
en.ShortcutName=TiepCan
vi.ShortcutComment=Sổ tay số cho công tác PBGDPL và hòa giải ở cơ sở
en.ShortcutComment=Records of legal outreach and grassroots mediation
vi.DataKept=Đã gỡ TiepCan khỏi máy tính này. Dữ liệu (bản ghi, khóa và các bản sao lưu) vẫn được giữ nguyên trong thư mục:%n%n%1%n%nCài lại TiepCan sẽ mở lại đúng dữ liệu đó. Chỉ tự xóa thư mục này khi chắc chắn không còn cần đến dữ liệu.
en.DataKept=TiepCan has been removed from this computer. Its data (records, keys and backups) is kept in the folder:%n%n%1%n%nInstalling TiepCan again opens that same data. Delete the folder yourself only when you are sure the data is no longer needed.
vi.NotInDataFolder=Không thể cài TiepCan vào thư mục dữ liệu của chương trình:%n%n%1%n%nHãy chọn thư mục khác.
en.NotInDataFolder=TiepCan cannot be installed into its own data folder:%n%n%1%n%nChoose another folder.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program: a module or a migration script an older version
; shipped and this one does not must not linger (Alembic reads every script in its folder).
; Only inside {app}: the data folder is elsewhere and never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The program folder as packaging\build.py made it: TiepCan.exe (the window), tiepcan-cli.exe
; (the command line) and _internal\ with everything they need.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The licence where a reader finds it, and the icon the associated file types show.
Source: "{#BuildDir}\_internal\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "..\icons\tiepcan.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{cm:ShortcutName}"; Filename: "{app}\TiepCan.exe"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\TiepCan.exe"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER here (PrivilegesRequired=lowest): the associations are the user's.
; The window opens the file it is given: the district's inbox for a bundle, the ward's receipt
; page for a receipt, trust for a key card. The ProgIDs are TiepCan's own and go on uninstall;
; an extension's default value is removed by [Code] only while it still names TiepCan.
Root: HKA; Subkey: "Software\Classes\TiepCan.Bundle"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TiepCan.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\tiepcan.ico"
Root: HKA; Subkey: "Software\Classes\TiepCan.Bundle\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithTiepCan}"
Root: HKA; Subkey: "Software\Classes\TiepCan.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\TiepCan.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.tcb"; ValueType: string; ValueName: ""; ValueData: "TiepCan.Bundle"
Root: HKA; Subkey: "Software\Classes\.tcb\OpenWithProgids"; ValueType: string; ValueName: "TiepCan.Bundle"; ValueData: ""; Flags: uninsdeletevalue

Root: HKA; Subkey: "Software\Classes\TiepCan.Receipt"; ValueType: string; ValueName: ""; ValueData: "{cm:ReceiptFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TiepCan.Receipt\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\tiepcan.ico"
Root: HKA; Subkey: "Software\Classes\TiepCan.Receipt\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithTiepCan}"
Root: HKA; Subkey: "Software\Classes\TiepCan.Receipt\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\TiepCan.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.tcr"; ValueType: string; ValueName: ""; ValueData: "TiepCan.Receipt"
Root: HKA; Subkey: "Software\Classes\.tcr\OpenWithProgids"; ValueType: string; ValueName: "TiepCan.Receipt"; ValueData: ""; Flags: uninsdeletevalue

Root: HKA; Subkey: "Software\Classes\TiepCan.Card"; ValueType: string; ValueName: ""; ValueData: "{cm:CardFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TiepCan.Card\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\tiepcan.ico"
Root: HKA; Subkey: "Software\Classes\TiepCan.Card\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithTiepCan}"
Root: HKA; Subkey: "Software\Classes\TiepCan.Card\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\TiepCan.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.card"; ValueType: string; ValueName: ""; ValueData: "TiepCan.Card"
Root: HKA; Subkey: "Software\Classes\.card\OpenWithProgids"; ValueType: string; ValueName: "TiepCan.Card"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\TiepCan.exe"; Description: "{cm:StartTiepCan}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Whatever the program left inside its own folder (Python's caches beside the migration
; scripts). Only {app}: the data folder, %LOCALAPPDATA%\TiepCan, is never deleted.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ Where TiepCan keeps its data: platformdirs' user_data_dir("TiepCan", appauthor=False). }
function DataFolder: String;
begin
  Result := ExpandConstant('{localappdata}\TiepCan');
end;

{ A custom message with %1 filled in and %n as a line break. }
function Said(const Name, Argument: String): String;
begin
  Result := CustomMessage(Name);
  StringChangeEx(Result, '%n', #13#10, True);
  Result := FmtMessage(Result, [Argument]);
end;

function IsInside(const Path, Folder: String): Boolean;
var
  Inner, Outer: String;
begin
  Inner := AddBackslash(Lowercase(Path));
  Outer := AddBackslash(Lowercase(Folder));
  Result := Copy(Inner, 1, Length(Outer)) = Outer;
end;

{ /DIR= can name any folder: never the data folder, which an upgrade and an uninstall would
  then treat as the program's. }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if IsInside(ExpandConstant('{app}'), DataFolder) then
    Result := Said('NotInDataFolder', DataFolder);
end;

{ The extension's default value goes only while it still names TiepCan's ProgID: another
  program the user chose for these files since keeps them. }
procedure ForgetExtension(const Extension, ProgId: String);
var
  Key, Current: String;
begin
  Key := 'Software\Classes\' + Extension;
  if RegQueryStringValue(HKA, Key, '', Current) and (CompareText(Current, ProgId) = 0) then
    RegDeleteValue(HKA, Key, '');
  RegDeleteKeyIfEmpty(HKA, Key + '\OpenWithProgids');
  RegDeleteKeyIfEmpty(HKA, Key);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    ForgetExtension('.tcb', 'TiepCan.Bundle');
    ForgetExtension('.tcr', 'TiepCan.Receipt');
    ForgetExtension('.card', 'TiepCan.Card');
    { Nothing above or in [UninstallDelete] touches the data folder; tell the user where it is. }
    if DirExists(DataFolder) and not UninstallSilent then
      MsgBox(Said('DataKept', DataFolder), mbInformation, MB_OK);
  end;
end;
