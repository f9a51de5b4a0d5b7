# asr-failback:check-path-to-configuration-server
#
# Checks, from this Azure VM, the network path a process server needs to the on-premises configuration server:
# the configuration server's name resolves, its HTTPS port accepts a TCP connection within a bounded time (over
# the site-to-site VPN or ExpressRoute), and Windows Firewall lets the data transfer port in. It changes nothing.
#
# Run by a managed Run Command as SYSTEM under Windows PowerShell 5.1 (Windows Server 2012 R2 / 2016), which
# passes every parameter as a named argument (script.ps1 -Name value).
# Shipped by the VS Code extension "Azure Site Recovery failback" (src/registration/registrationScripts.ts).
#
# Output: its last stdout line is "ASR-FAILBACK-PATH-CHECK " followed by one line of JSON:
#   {"nameResolution":{"ok":bool,"addresses":["..."],"message":"..."},
#    "configurationServerPort":{"port":443,"ok":bool,"message":"..."},
#    "dataTransferPort":{"port":9443,"ok":bool,"message":"..."}}
# Exit code: 0 whenever the checks ran, whatever they found; non-zero only when the script itself failed.

[CmdletBinding()]
param(
    # IP address or FQDN of the configuration server.
    [Parameter(Mandatory = $true)]
    [string] $ConfigurationServerAddress,

    # The configuration server's HTTPS port.
    [ValidateRange(1, 65535)]
    [int] $ConfigurationServerPort = 443,

    # The process server's inbound HTTPS port for replication data.
    [ValidateRange(1, 65535)]
    [int] $DataTransferPort = 9443
)

$ErrorActionPreference = 'Stop'

$ResultPrefix = 'ASR-FAILBACK-PATH-CHECK '
$ConnectTimeoutMilliseconds = 5000

# The configuration server's addresses: the address itself when it is an IP, else what DNS answers for the name.
function Resolve-ConfigurationServerName {
    $ipAddress = $null
    if ([System.Net.IPAddress]::TryParse($ConfigurationServerAddress, [ref] $ipAddress)) {
        return [ordered]@{ ok = $true; addresses = [string[]] @($ipAddress.ToString()); message = "$ConfigurationServerAddress is an IP address: no name to resolve." }
    }
    try {
        $resolved = [string[]] @([System.Net.Dns]::GetHostAddresses($ConfigurationServerAddress) | ForEach-Object { $_.ToString() })
    } catch [System.Management.Automation.MethodInvocationException] {
        return [ordered]@{ ok = $false; addresses = [string[]] @(); message = "Resolving $ConfigurationServerAddress failed: $($_.Exception.GetBaseException().Message)" }
    }
    if ($resolved.Count -eq 0) {
        return [ordered]@{ ok = $false; addresses = [string[]] @(); message = "Resolving $ConfigurationServerAddress returned no address." }
    }
    return [ordered]@{ ok = $true; addresses = $resolved; message = "$ConfigurationServerAddress resolves to $($resolved -join ', ')." }
}

# Whether the configuration server accepts a TCP connection on its port, at one of its addresses, within the timeout.
function Test-ConfigurationServerPort {
    param([string[]] $Addresses)
    $target = "${ConfigurationServerAddress}:$ConfigurationServerPort"
    if ($Addresses.Count -eq 0) {
        return [ordered]@{ port = $ConfigurationServerPort; ok = $false; message = "Not tested: $ConfigurationServerAddress did not resolve." }
    }
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        $connection = $client.ConnectAsync([System.Net.IPAddress[]] $Addresses, $ConfigurationServerPort)
        if ($connection.Wait($ConnectTimeoutMilliseconds)) {
            return [ordered]@{ port = $ConfigurationServerPort; ok = $true; message = "TCP connection to $target succeeded." }
        }
        return [ordered]@{ port = $ConfigurationServerPort; ok = $false; message = "No answer from $target within $($ConnectTimeoutMilliseconds / 1000) s: check the site-to-site VPN or ExpressRoute and the on-premises firewall." }
    } catch [System.Management.Automation.MethodInvocationException] {
        return [ordered]@{ port = $ConfigurationServerPort; ok = $false; message = "TCP connection to $target failed: $($_.Exception.GetBaseException().Message)" }
    } finally {
        $client.Close()
    }
}

# True when a firewall rule's LocalPort values ("Any", "9443", "9000-9500", keywords such as "RPC") cover the port.
function Test-LocalPortCovers {
    param([string[]] $LocalPorts)
    foreach ($localPort in $LocalPorts) {
        if ($localPort -eq 'Any' -or $localPort -eq [string] $DataTransferPort) {
            return $true
        }
        if ($localPort -match '^(\d+)-(\d+)$' -and [int] $Matches[1] -le $DataTransferPort -and $DataTransferPort -le [int] $Matches[2]) {
            return $true
        }
    }
    return $false
}

# Whether the active Windows Firewall policy lets inbound TCP on the data transfer port in (a block rule wins).
function Test-DataTransferPortInbound {
    $port = $DataTransferPort
    try {
        $enabledProfiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | Where-Object { $_.Enabled -eq 'True' })
        if ($enabledProfiles.Count -eq 0) {
            return [ordered]@{ port = $port; ok = $true; message = "Windows Firewall is off: inbound TCP $port is not filtered." }
        }
        $rules = @(Get-NetFirewallPortFilter -PolicyStore ActiveStore |
            Where-Object { $_.Protocol -eq 'TCP' -and (Test-LocalPortCovers -LocalPorts $_.LocalPort) } |
            Get-NetFirewallRule |
            Where-Object { $_.Direction -eq 'Inbound' -and $_.Enabled -eq 'True' })
    } catch {
        return [ordered]@{ port = $port; ok = $false; message = "Reading the Windows Firewall rules failed: $($_.Exception.Message)" }
    }
    $blocking = @($rules | Where-Object { $_.Action -eq 'Block' })
    if ($blocking.Count -gt 0) {
        return [ordered]@{ port = $port; ok = $false; message = "Windows Firewall blocks inbound TCP ${port}: rule '$($blocking[0].DisplayName)'." }
    }
    $allowing = @($rules | Where-Object { $_.Action -eq 'Allow' })
    if ($allowing.Count -gt 0) {
        return [ordered]@{ port = $port; ok = $true; message = "Windows Firewall allows inbound TCP ${port}: rule '$($allowing[0].DisplayName)'." }
    }
    $defaultAllows = @($enabledProfiles | Where-Object { $_.DefaultInboundAction -eq 'Allow' })
    if ($defaultAllows.Count -eq $enabledProfiles.Count) {
        return [ordered]@{ port = $port; ok = $true; message = "Windows Firewall allows inbound connections by default: TCP $port is let in." }
    }
    return [ordered]@{ port = $port; ok = $false; message = "No enabled Windows Firewall rule allows inbound TCP $port." }
}

try {
    Write-Output "Checking the path to the configuration server $ConfigurationServerAddress..."
    $nameResolution = Resolve-ConfigurationServerName
    $result = [ordered]@{
        nameResolution = $nameResolution
        configurationServerPort = Test-ConfigurationServerPort -Addresses $nameResolution.addresses
        dataTransferPort = Test-DataTransferPortInbound
    }
    foreach ($check in $result.Values) {
        Write-Output $check.message
    }
    Write-Output ($ResultPrefix + (ConvertTo-Json -InputObject $result -Compress -Depth 4))
} catch {
    [Console]::Error.WriteLine("ERROR: The path check could not run: $($_.Exception.Message)")
    exit 1
}
exit 0
