; Inno Setup script: a per-user install of the PyInstaller bundle, no administrator rights needed.
; Build dist\ShopGuard with `python packaging\build.py`, then compile this file with Inno Setup 6:
;   iscc /DAppVersion=0.1.0 packaging\windows\shopguard.iss
; The merchant's data (%LOCALAPPDATA%\ShopGuard) is not in the install folder and stays on uninstall
; unless the merchant ticks the box to remove it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7E0C5B7E-5F0B-4C5E-9C1B-3F2B8D6A1C42}
AppName=ShopGuard 抖店时效管家
AppVersion={#AppVersion}
AppPublisher=ShopGuard
DefaultDirName={localappdata}\Programs\ShopGuard
DefaultGroupName=ShopGuard
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=ShopGuard-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\shopguard.ico
UninstallDisplayIcon={app}\ShopGuard.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\ShopGuard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ShopGuard 抖店时效管家"; Filename: "{app}\ShopGuard.exe"
Name: "{group}\ShopGuard 演示数据"; Filename: "{app}\ShopGuard.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,ShopGuard}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\ShopGuard 抖店时效管家"; Filename: "{app}\ShopGuard.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ShopGuard.exe"; Description: "{cm:LaunchProgram,ShopGuard}"; Flags: nowait postinstall skipifsilent

[Code]
{ Ask before deleting the merchant's orders, notes and filings: by default they stay. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\ShopGuard');
    if DirExists(DataDir) then
      if MsgBox('是否同时删除 ShopGuard 的数据（订单、备注、报备材料）？' + #13#10 + DataDir +
                #13#10#13#10 + '选“否”保留数据，重新安装后可以继续使用。',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
