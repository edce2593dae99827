#!/usr/bin/env pwsh
# PowerShell twin of run-all.sh: the same commands (setup, build, test, bench, nightly, screenshots, harness, or nothing
# for all), run by run-all.sh, which holds the logic once. Needs bash (Linux, macOS, WSL).
param([Parameter(ValueFromRemainingArguments = $true)][string[]]$Arguments)
$ErrorActionPreference = 'Stop'
$bash = Get-Command bash -ErrorAction SilentlyContinue
if (-not $bash) {
    Write-Error "run-all.ps1 needs bash (Linux, macOS or WSL): the harness builds against Debian's libtorch."
    exit 1
}
& $bash.Source (Join-Path $PSScriptRoot 'run-all.sh') @Arguments
exit $LASTEXITCODE
