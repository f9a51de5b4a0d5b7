# asr-failback:register-process-server
#
# Installs the Azure Site Recovery process server on this Azure VM and registers it with the on-premises
# configuration server, the documented non-GUI way: Unified Setup in process-server mode
# (MicrosoftAzureSiteRecoveryUnifiedSetup.exe /q /x:<dir>, then UNIFIEDSETUP.EXE /servermode "PS" ...).
#
# Run by a managed Run Command as SYSTEM under Windows PowerShell 5.1 (Windows Server 2012 R2 / 2016), which
# passes every parameter, protected ones included, as a named argument (script.ps1 -Name value).
# Shipped by the VS Code extension "Azure Site Recovery failback" (src/registration/registrationScripts.ts).
#
# The passphrase reaches Unified Setup only as a file (/PassphraseFilePath), written into a new directory that
# only SYSTEM and BUILTIN\Administrators can open, and deleted with that directory on every path the script takes
# (a killed process, e.g. at a Run Command timeout, leaves the directory, still closed to everyone else). The passphrase
# and the installer URL's query (a SAS) are never printed.
#
# Output: progress lines, then the tail of the newest setup logs (C:\ProgramData\ASRSetupLogs), newest last, as
# the Run Command instance view keeps only the last 4 KB. Exit code: Unified Setup's own; 1 when the arguments
# are wrong or the download or extraction failed; 2 when the configuration server does not answer on its port.
# On failure one line on stderr says what failed.

[CmdletBinding()]
param(
    # IP address or FQDN of the configuration server.
    [Parameter(Mandatory = $true)]
    [string] $ConfigurationServerAddress,

    # The configuration server's HTTPS port. Unified Setup has no switch for it: it is checked before the download.
    [ValidateRange(1, 65535)]
    [int] $ConfigurationServerPort = 443,

    # The process server's HTTPS port for replication data (/DataTransferSecurePort).
    [ValidateRange(1, 65535)]
    [int] $DataTransferPort = 9443,

    # This VM's static private IPv4 address (/PSIP).
    [string] $ProcessServerIpAddress,

    # https URL of MicrosoftAzureSiteRecoveryUnifiedSetup.exe (aka.ms link, or a blob URL with a SAS).
    [string] $InstallerUrl,

    # Where Unified Setup installs the process server.
    [string] $InstallLocation,

    # The switch that carries InstallLocation: the parameter table says /InstallLocation, the syntax line /InstallDrive.
    [ValidateSet('InstallLocation', 'InstallDrive')]
    [string] $InstallLocationSwitch = 'InstallLocation',

    # /EnvType: VMware for VMware VMs, NonVMware for physical servers.
    [ValidateSet('VMware', 'NonVMware')]
    [string] $EnvironmentType = 'VMware',

    # The configuration server's connection passphrase (a protected parameter).
    [string] $ConfigurationServerPassphrase
)

$ErrorActionPreference = 'Stop'
# Invoke-WebRequest's progress bar slows a large download in Windows PowerShell many times over.
$ProgressPreference = 'SilentlyContinue'

$ConnectTimeoutMilliseconds = 10000
$SetupLogDirectory = Join-Path $env:ProgramData 'ASRSetupLogs'
$SetupLogCount = 2
$SetupLogTailLines = 30
$SetupLogLineMaxLength = 240

# A failure of one step: its message and the exit code it ends the script with.
function New-StepFailure {
    param([int] $ExitCode, [string] $Message)
    $exception = New-Object System.Exception $Message
    $exception.Data['ExitCode'] = $ExitCode
    return $exception
}

# The URL without its query and fragment, which may hold a SAS token.
function Get-DisplayUrl {
    param([System.Uri] $Url)
    return $Url.GetLeftPart([System.UriPartial]::Path)
}

# Quotes a value for a Windows command line: backslashes before the closing quote are doubled ("D:\" -> "D:\\").
function ConvertTo-QuotedArgument {
    param([string] $Name, [string] $Value)
    if ($Value.Contains('"')) {
        throw (New-StepFailure 1 "The $Name value must not contain a double quote.")
    }
    return '"' + ($Value -replace '(\\+)$', '$1$1') + '"'
}

# Stops with exit 2 unless the configuration server accepts a TCP connection on its port within the timeout.
function Assert-ConfigurationServerAnswers {
    $target = "${ConfigurationServerAddress}:$ConfigurationServerPort"
    Write-Output "Checking that the configuration server $target answers..."
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        $connection = $client.ConnectAsync($ConfigurationServerAddress, $ConfigurationServerPort)
        if (-not $connection.Wait($ConnectTimeoutMilliseconds)) {
            throw (New-StepFailure 2 "Unable to connect to the configuration server ${target}: no answer within $($ConnectTimeoutMilliseconds / 1000) s. Check the site-to-site VPN or ExpressRoute and the on-premises firewall.")
        }
    } catch [System.Management.Automation.MethodInvocationException] {
        throw (New-StepFailure 2 "Unable to connect to the configuration server ${target}: $($_.Exception.GetBaseException().Message)")
    } finally {
        $client.Close()
    }
    Write-Output "The configuration server $target answers."
}

# A new directory that only SYSTEM and BUILTIN\Administrators can open (inheritance broken), by well-known SIDs
# so that it works whatever the Windows display language.
function New-RestrictedDirectory {
    $security = New-Object System.Security.AccessControl.DirectorySecurity
    $security.SetAccessRuleProtection($true, $false)
    foreach ($sid in 'S-1-5-18', 'S-1-5-32-544') {
        $identity = New-Object System.Security.Principal.SecurityIdentifier $sid
        $rule = New-Object System.Security.AccessControl.FileSystemAccessRule($identity, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
        $security.AddAccessRule($rule)
    }
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('asr-failback-' + [System.Guid]::NewGuid().ToString('N'))
    [System.IO.Directory]::CreateDirectory($path, $security) | Out-Null
    return $path
}

# Prints the last lines of the newest setup logs written since $Since, newest last; the passphrase is masked.
function Write-SetupLogTail {
    param([datetime] $Since)
    if (-not (Test-Path -LiteralPath $SetupLogDirectory)) {
        Write-Output "No setup logs: $SetupLogDirectory does not exist."
        return
    }
    $logs = @(Get-ChildItem -LiteralPath $SetupLogDirectory -File -Recurse |
        Where-Object { $_.LastWriteTime -ge $Since } |
        Sort-Object LastWriteTime |
        Select-Object -Last $SetupLogCount)
    if ($logs.Count -eq 0) {
        Write-Output "No setup log in $SetupLogDirectory was written by this run."
        return
    }
    foreach ($log in $logs) {
        Write-Output "----- Last $SetupLogTailLines lines of $($log.FullName) -----"
        foreach ($line in @(Get-Content -LiteralPath $log.FullName -Tail $SetupLogTailLines)) {
            $masked = $line.Replace($ConfigurationServerPassphrase, '***')
            if ($masked.Length -gt $SetupLogLineMaxLength) {
                $masked = $masked.Substring(0, $SetupLogLineMaxLength) + '...'
            }
            Write-Output $masked
        }
    }
}

$installerUri = $null
if ([string]::IsNullOrEmpty($ConfigurationServerPassphrase)) {
    [Console]::Error.WriteLine('ERROR: The configuration server passphrase (ConfigurationServerPassphrase) is missing.')
    exit 1
}
if (-not [System.Uri]::TryCreate($InstallerUrl, [System.UriKind]::Absolute, [ref] $installerUri) -or $installerUri.Scheme -ne 'https') {
    [Console]::Error.WriteLine('ERROR: The installer URL (InstallerUrl) must be an absolute https URL of MicrosoftAzureSiteRecoveryUnifiedSetup.exe.')
    exit 1
}
$parsedIpAddress = $null
if (-not [System.Net.IPAddress]::TryParse($ProcessServerIpAddress, [ref] $parsedIpAddress) -or $parsedIpAddress.AddressFamily -ne [System.Net.Sockets.AddressFamily]::InterNetwork) {
    [Console]::Error.WriteLine("ERROR: The process server IP address (ProcessServerIpAddress) '$ProcessServerIpAddress' is not an IPv4 address.")
    exit 1
}
if ([string]::IsNullOrWhiteSpace($InstallLocation)) {
    [Console]::Error.WriteLine('ERROR: The install location (InstallLocation) is missing.')
    exit 1
}

$exitCode = 1
$workDirectory = $null
$passphraseFile = $null
try {
    Assert-ConfigurationServerAnswers

    $workDirectory = New-RestrictedDirectory
    $passphraseFile = Join-Path $workDirectory 'passphrase.txt'
    [System.IO.File]::WriteAllText($passphraseFile, $ConfigurationServerPassphrase)

    # Windows Server 2012 R2's .NET offers only SSL 3.0 / TLS 1.0 by default; aka.ms and Azure Storage need TLS 1.2.
    [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.ServicePointManager]::SecurityProtocol -bor [System.Net.SecurityProtocolType]::Tls12
    $installerPath = Join-Path $workDirectory 'MicrosoftAzureSiteRecoveryUnifiedSetup.exe'
    Write-Output "Downloading Unified Setup from $(Get-DisplayUrl $installerUri)..."
    try {
        Invoke-WebRequest -Uri $installerUri -OutFile $installerPath -UseBasicParsing
    } catch {
        throw (New-StepFailure 1 "Downloading Unified Setup from $(Get-DisplayUrl $installerUri) failed: $($_.Exception.Message)")
    }

    # The work directory's name has no spaces, so /x: takes it unquoted, as in the documentation.
    $extractDirectory = Join-Path $workDirectory 'Extracted'
    Write-Output "Extracting Unified Setup to $extractDirectory..."
    $extraction = Start-Process -FilePath $installerPath -ArgumentList '/q', "/x:$extractDirectory" -Wait -PassThru
    $unifiedSetupPath = Join-Path $extractDirectory 'UNIFIEDSETUP.EXE'
    if ($extraction.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $unifiedSetupPath)) {
        throw (New-StepFailure 1 "Extracting Unified Setup failed: the installer exited with code $($extraction.ExitCode) and left no UNIFIEDSETUP.EXE.")
    }

    $setupArguments = @(
        '/AcceptThirdpartyEULA',
        '/servermode', '"PS"',
        "/$InstallLocationSwitch", (ConvertTo-QuotedArgument InstallLocation $InstallLocation),
        '/EnvType', (ConvertTo-QuotedArgument EnvironmentType $EnvironmentType),
        '/CSIP', (ConvertTo-QuotedArgument ConfigurationServerAddress $ConfigurationServerAddress),
        '/PSIP', (ConvertTo-QuotedArgument ProcessServerIpAddress $ProcessServerIpAddress),
        '/PassphraseFilePath', (ConvertTo-QuotedArgument PassphraseFilePath $passphraseFile),
        '/DataTransferSecurePort', $DataTransferPort
    ) -join ' '
    Write-Output "Running Unified Setup in process-server mode (configuration server $ConfigurationServerAddress, process server $ProcessServerIpAddress, data transfer port $DataTransferPort)..."
    $setupStarted = Get-Date
    $setup = Start-Process -FilePath $unifiedSetupPath -ArgumentList $setupArguments -WorkingDirectory $extractDirectory -Wait -PassThru
    $exitCode = $setup.ExitCode
    Write-Output "Unified Setup exited with code $exitCode."
    Write-SetupLogTail -Since $setupStarted
    if ($exitCode -ne 0) {
        [Console]::Error.WriteLine("ERROR: Unified Setup exited with code $exitCode; see the setup log lines above ($SetupLogDirectory).")
    }
} catch {
    $failure = $_.Exception
    $exitCode = if ($failure.Data.Contains('ExitCode')) { [int] $failure.Data['ExitCode'] } else { 1 }
    [Console]::Error.WriteLine("ERROR: $($failure.Message)")
} finally {
    # The passphrase file first and on its own, so that it goes even when the extracted setup cannot be removed.
    if ($null -ne $passphraseFile -and (Test-Path -LiteralPath $passphraseFile)) {
        Remove-Item -LiteralPath $passphraseFile -Force -ErrorAction Continue
    }
    if ($null -ne $workDirectory -and (Test-Path -LiteralPath $workDirectory)) {
        Remove-Item -LiteralPath $workDirectory -Recurse -Force -ErrorAction Continue
    }
}
if ($null -ne $passphraseFile -and (Test-Path -LiteralPath $passphraseFile)) {
    [Console]::Error.WriteLine("ERROR: The passphrase file $passphraseFile could not be deleted: delete it by hand.")
    if ($exitCode -eq 0) {
        $exitCode = 1
    }
}
exit $exitCode
