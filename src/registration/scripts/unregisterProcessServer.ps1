# asr-failback:unregister-process-server
#
# Removes the Azure Site Recovery process server from this Azure VM once failback is done, the documented way for a
# process server still connected to its configuration server: uninstall its programs, in this order
# (include site-recovery-vmware-unregister-process-server.md, 2019, for the first three; the 2017 article
# site-recovery-vmware-to-azure-manage-scaleout-process-server.md adds the fourth, last):
#   1. Microsoft Azure Site Recovery Mobility Service/Master Target Server
#   2. Microsoft Azure Site Recovery Configuration/Process Server
#   3. Microsoft Azure Site Recovery Configuration/Process Server Dependencies
#   4. Microsoft Azure Recovery Services Agent
# Uninstalling them unregisters the process server from the configuration server; the portal can take up to 15 minutes
# to stop listing it. The VM itself is deleted afterwards by the extension, not by this script.
#
# Run by a managed Run Command as SYSTEM under Windows PowerShell 5.1 (Windows Server 2012 R2 / 2016), which
# passes every parameter as a named argument (script.ps1 -Name value).
# Shipped by the VS Code extension "Azure Site Recovery failback" (src/registration/registrationScripts.ts).
#
# How each program is removed (the documentation gives a silent uninstall only for the first one):
# - It is found by its DisplayName under HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall, in the 64-bit view
#   of the registry and in the 32-bit one (HKLM\SOFTWARE\WOW6432Node\...); a program found in neither is skipped.
# - A Windows Installer product is removed with "msiexec.exe /qn /x {ProductCode} /L+*V <log>", the form documented
#   for the Mobility Service (vmware-physical-manage-mobility-service.md: MsiExec.exe /qn /x
#   {275197FC-14FD-4560-A5EB-38217F80CBD1} /L+*V "C:\ProgramData\ASRSetupLogs\UnifiedAgentMSIUninstall.log"), its log
#   in C:\ProgramData\ASRSetupLogs.
# - Any other program is removed with its registered QuietUninstallString, else its UninstallString.
#   UNCONFIRMED: no silent uninstall is documented for the two Configuration/Process Server programs, nor whether they
#   are Windows Installer products; an UninstallString without a silent switch may wait for input that never comes, so
#   each uninstaller gets at most $UninstallTimeoutMinutes minutes and is then stopped and reported. For the Recovery
#   Services Agent the documented silent uninstall is "MARSAgentInstaller.exe /q /d" (backup-client-automation.md);
#   whether its registered uninstall string runs that is unconfirmed too.
#
# Before uninstalling anything the script refuses (exit 4) while the process server still has replication connections
# on its data transfer port: a process server's replicated machines must first be moved to another process server
# (portal "Switch" or "Load balance", REST reassociateGateway). The check sees only what this VM sees: a machine whose
# replication is paused holds no connection, so the caller checks the fabric's machineCount as well.
#
# Output: what it found and did, one line per step. Exit code: 0 when every program of the list is gone (or was never
# installed); 1 when the arguments are wrong; 3 when an uninstaller failed, did not finish in time, or left its program
# installed; 4 while the process server still serves replicated machines. On failure one line on stderr says what
# failed; the programs uninstalled before it stay uninstalled, and running the script again carries on from there.

[CmdletBinding()]
param(
    # This VM's static private IPv4 address: the process server's address in the configuration server (/PSIP).
    [Parameter(Mandatory = $true)]
    [string] $ProcessServerIpAddress,

    # The process server's HTTPS port for replication data (/DataTransferSecurePort at registration).
    [ValidateRange(1, 65535)]
    [int] $DataTransferPort = 9443
)

$ErrorActionPreference = 'Stop'

$SetupLogDirectory = Join-Path $env:ProgramData 'ASRSetupLogs'
$UninstallKeyPath = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
$UninstallTimeoutMinutes = 20
$PollSeconds = 5
$GuidPattern = '\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}'

# The programs in the documented order, each with the log its Windows Installer uninstall writes (the first name is
# the documented one, the others are this script's).
$Programs = @(
    @{ DisplayName = 'Microsoft Azure Site Recovery Mobility Service/Master Target Server'; LogName = 'UnifiedAgentMSIUninstall.log' },
    @{ DisplayName = 'Microsoft Azure Site Recovery Configuration/Process Server'; LogName = 'ProcessServerMSIUninstall.log' },
    @{ DisplayName = 'Microsoft Azure Site Recovery Configuration/Process Server Dependencies'; LogName = 'ProcessServerDependenciesMSIUninstall.log' },
    @{ DisplayName = 'Microsoft Azure Recovery Services Agent'; LogName = 'MARSAgentMSIUninstall.log' }
)

$script:UninstalledCount = 0
$script:SkippedCount = 0
$script:RestartRequested = $false

# A failure of one step: its message and the exit code it ends the script with.
function New-StepFailure {
    param([int] $ExitCode, [string] $Message)
    $exception = New-Object System.Exception $Message
    $exception.Data['ExitCode'] = $ExitCode
    return $exception
}

# The program registered under DisplayName, or $null. Both views of the Uninstall key are opened through RegistryView,
# so that the 64-bit one is read even when this PowerShell is a 32-bit process.
function Get-InstalledProgram {
    param([string] $DisplayName)
    foreach ($view in [Microsoft.Win32.RegistryView]::Registry64, [Microsoft.Win32.RegistryView]::Registry32) {
        $root = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
        try {
            $uninstall = $root.OpenSubKey($UninstallKeyPath)
            if ($null -eq $uninstall) {
                continue
            }
            try {
                foreach ($keyName in $uninstall.GetSubKeyNames()) {
                    $key = $uninstall.OpenSubKey($keyName)
                    if ($null -eq $key) {
                        continue
                    }
                    try {
                        if ([string] $key.GetValue('DisplayName') -eq $DisplayName) {
                            return New-Object PSObject -Property @{
                                DisplayVersion       = [string] $key.GetValue('DisplayVersion')
                                KeyName              = $keyName
                                WindowsInstaller     = ($key.GetValue('WindowsInstaller') -eq 1)
                                UninstallString      = [string] $key.GetValue('UninstallString')
                                QuietUninstallString = [string] $key.GetValue('QuietUninstallString')
                            }
                        }
                    } finally {
                        $key.Close()
                    }
                }
            } finally {
                $uninstall.Close()
            }
        } finally {
            $root.Close()
        }
    }
    return $null
}

# The Windows Installer product code of a program: its key name when Windows Installer registered it, or the code in
# an UninstallString that runs msiexec (MsiExec.exe /X{...} or /I{...}); $null for any other program.
function Get-ProductCode {
    param($Program)
    if ($Program.WindowsInstaller -and $Program.KeyName -match ('^' + $GuidPattern + '$')) {
        return $Program.KeyName
    }
    $match = [regex]::Match($Program.UninstallString, '^\s*"?(?:[^"]*\\)?msiexec(?:\.exe)?"?\s+/[IX]\s*(' + $GuidPattern + ')', 'IgnoreCase')
    if ($match.Success) {
        return $match.Groups[1].Value
    }
    return $null
}

# The program and the arguments of a registered command line: "C:\Path With Spaces\x.exe" /args, or unquoted.
function Split-CommandLine {
    param([string] $CommandLine)
    $text = $CommandLine.Trim()
    $match = [regex]::Match($text, '^"([^"]+)"\s*(.*)$')
    if (-not $match.Success) {
        $match = [regex]::Match($text, '^(.+?\.exe)\s*(.*)$', 'IgnoreCase')
    }
    if (-not $match.Success) {
        return @($text, '')
    }
    return @($match.Groups[1].Value, $match.Groups[2].Value.Trim())
}

# Runs an uninstaller and returns its exit code; one still running at the deadline is stopped and reported.
function Invoke-Uninstaller {
    param([string] $Name, [string] $FilePath, [string[]] $Arguments, [datetime] $Deadline)
    $start = @{ FilePath = $FilePath; PassThru = $true }
    if ($Arguments.Count -gt 0) {
        $start['ArgumentList'] = $Arguments
    }
    try {
        $process = Start-Process @start
    } catch {
        throw (New-StepFailure 3 "Uninstalling '$Name' failed: $FilePath could not be started: $($_.Exception.Message)")
    }
    # Reading the handle keeps ExitCode readable once the process has ended (Start-Process -PassThru without -Wait).
    $null = $process.Handle
    $remainingMilliseconds = [int] [Math]::Max(0, ($Deadline - (Get-Date)).TotalMilliseconds)
    if (-not $process.WaitForExit($remainingMilliseconds)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw (New-StepFailure 3 "Uninstalling '$Name' failed: $FilePath did not finish within $UninstallTimeoutMinutes minutes and was stopped; it may be waiting for input (no silent uninstall is documented for it).")
    }
    return $process.ExitCode
}

# Whether the program has left the registry by the deadline (an uninstaller may hand its work to a child and exit).
function Wait-ProgramRemoved {
    param([string] $DisplayName, [datetime] $Deadline)
    while ($null -ne (Get-InstalledProgram $DisplayName)) {
        if ((Get-Date) -ge $Deadline) {
            return $false
        }
        Start-Sleep -Seconds $PollSeconds
    }
    return $true
}

# Stops with exit 4 while replicated machines are connected to the data transfer port (loopback and this VM left out).
function Assert-NoReplicationConnection {
    Write-Output "Checking for replication connections on the data transfer port $DataTransferPort..."
    $sources = @(Get-NetTCPConnection -LocalPort $DataTransferPort -State Established -ErrorAction SilentlyContinue |
        Where-Object { $_.RemoteAddress -ne $ProcessServerIpAddress -and $_.RemoteAddress -ne '::1' -and -not $_.RemoteAddress.StartsWith('127.') } |
        ForEach-Object { $_.RemoteAddress } |
        Sort-Object -Unique)
    if ($sources.Count -gt 0) {
        throw (New-StepFailure 4 "The process server still has replication connections on its data transfer port $DataTransferPort from $($sources.Count) address(es): it still serves replicated machines. Switch them to another process server first.")
    }
    Write-Output "No replication connection on port $DataTransferPort."
}

# Uninstalls one program of the list, or says it is not installed.
function Uninstall-Program {
    param([hashtable] $Entry)
    $name = $Entry.DisplayName
    $program = Get-InstalledProgram $name
    if ($null -eq $program) {
        Write-Output "'$name' is not installed: skipped."
        $script:SkippedCount++
        return
    }
    $label = if ([string]::IsNullOrWhiteSpace($program.DisplayVersion)) { "'$name'" } else { "'$name' $($program.DisplayVersion)" }
    $deadline = (Get-Date).AddMinutes($UninstallTimeoutMinutes)
    $productCode = Get-ProductCode $program
    $log = $null
    if ($null -ne $productCode) {
        $log = Join-Path $SetupLogDirectory $Entry.LogName
        $filePath = 'msiexec.exe'
        $arguments = @('/qn', '/x', $productCode, '/L+*V', ('"' + $log + '"'))
        Write-Output "Uninstalling $label with msiexec.exe $($arguments -join ' ')..."
    } else {
        $source = if ([string]::IsNullOrWhiteSpace($program.QuietUninstallString)) { 'UninstallString' } else { 'QuietUninstallString' }
        $commandLine = $program.$source
        if ([string]::IsNullOrWhiteSpace($commandLine)) {
            throw (New-StepFailure 3 "Uninstalling '$name' failed: the registry holds no uninstall command for it.")
        }
        $filePath, $argumentText = Split-CommandLine $commandLine
        $arguments = @($argumentText | Where-Object { $_ -ne '' })
        Write-Output "Uninstalling $label with its registered $source..."
    }
    $exitCode = Invoke-Uninstaller -Name $name -FilePath $filePath -Arguments $arguments -Deadline $deadline
    Write-Output "The uninstaller of '$name' exited with code $exitCode."
    # 3010 and 1641: done, a restart is wanted (ERROR_SUCCESS_REBOOT_REQUIRED / _INITIATED); 1605: Windows Installer
    # no longer knows the product (ERROR_UNKNOWN_PRODUCT), e.g. an earlier uninstall removed it.
    if ($exitCode -eq 3010 -or $exitCode -eq 1641) {
        $script:RestartRequested = $true
    } elseif (-not ($exitCode -eq 0 -or ($exitCode -eq 1605 -and $null -ne $productCode))) {
        $see = if ($null -eq $log) { '' } else { "; see $log" }
        throw (New-StepFailure 3 "Uninstalling '$name' failed: its uninstaller exited with code $exitCode$see.")
    }
    if (-not (Wait-ProgramRemoved $name $deadline)) {
        throw (New-StepFailure 3 "Uninstalling '$name' failed: it is still installed $UninstallTimeoutMinutes minutes after its uninstaller started.")
    }
    Write-Output "'$name' uninstalled."
    $script:UninstalledCount++
}

$parsedIpAddress = $null
if (-not [System.Net.IPAddress]::TryParse($ProcessServerIpAddress, [ref] $parsedIpAddress) -or $parsedIpAddress.AddressFamily -ne [System.Net.Sockets.AddressFamily]::InterNetwork) {
    [Console]::Error.WriteLine("ERROR: The process server IP address (ProcessServerIpAddress) '$ProcessServerIpAddress' is not an IPv4 address.")
    exit 1
}

$exitCode = 1
try {
    $vmAddresses = @(Get-NetIPAddress -AddressFamily IPv4 | ForEach-Object { $_.IPAddress } | Where-Object { -not $_.StartsWith('127.') })
    if ($vmAddresses -notcontains $parsedIpAddress.ToString()) {
        throw (New-StepFailure 1 "$ProcessServerIpAddress (ProcessServerIpAddress) is not an IPv4 address of this VM ($($vmAddresses -join ', ')): a process server is removed only from the VM it runs on.")
    }
    Assert-NoReplicationConnection
    New-Item -ItemType Directory -Path $SetupLogDirectory -Force | Out-Null
    foreach ($entry in $Programs) {
        Uninstall-Program $entry
    }
    Write-Output "Done: $($script:UninstalledCount) program(s) uninstalled, $($script:SkippedCount) not installed."
    if ($script:RestartRequested) {
        Write-Output 'An uninstaller asked for a restart of the VM; this script does not restart it.'
    }
    if ($script:UninstalledCount -gt 0) {
        Write-Output 'The configuration server can take up to 15 minutes to stop listing the process server.'
    }
    $exitCode = 0
} catch {
    $failure = $_.Exception
    $exitCode = if ($failure.Data.Contains('ExitCode')) { [int] $failure.Data['ExitCode'] } else { 1 }
    [Console]::Error.WriteLine("ERROR: $($failure.Message)")
}
exit $exitCode
