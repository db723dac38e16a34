
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'biometrid' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'biometrid'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'biometrid' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('restart-state', 'restart-state', [CompletionResultType]::ParameterValue, 'Restart the process state of one or more users')
            [CompletionResult]::new('enroll-status', 'enroll-status', [CompletionResultType]::ParameterValue, 'Show which engines (face, voice, ...) each user is enrolled in')
            [CompletionResult]::new('pending-dialogue', 'pending-dialogue', [CompletionResultType]::ParameterValue, 'Show each user''s pending voice dialogue, if any')
            [CompletionResult]::new('delete-user', 'delete-user', [CompletionResultType]::ParameterValue, 'Delete users (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('delete-face', 'delete-face', [CompletionResultType]::ParameterValue, 'Delete face enrolments (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('delete-voice', 'delete-voice', [CompletionResultType]::ParameterValue, 'Delete voice enrolments in a language (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('find-user', 'find-user', [CompletionResultType]::ParameterValue, 'Print the ID of the user registered on a device (by MAC address)')
            [CompletionResult]::new('create-user', 'create-user', [CompletionResultType]::ParameterValue, 'Create a user and print its ID (never retried once it may have reached the server)')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Call any endpoint of the API, e.g. to upload a face photo')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, check and change the settings in effect and where each came from')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write a profile of the config file (prompts on a terminal)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of the API, for trying the tool and testing scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;restart-state' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;enroll-status' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;pending-dialogue' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;delete-user' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;delete-face' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;delete-voice' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The language of the voice enrolment to delete (sent as language)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;find-user' {
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'The device''s MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent (method, URL, body; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;create-user' {
            [CompletionResult]::new('--reference-id', '--reference-id', [CompletionResultType]::ParameterName, 'Your reference for the user (sent as reference_id)')
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'The device''s MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits')
            [CompletionResult]::new('--app-token', '--app-token', [CompletionResultType]::ParameterName, 'The application''s push token for the device (sent as app_token)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent (method, URL, body; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS [default: GET, or POST with a body]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS [default: GET, or POST with a body]')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'With `{id}` in PATH: read user IDs from PATH, one per line')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A multipart/form-data part: NAME=VALUE, or NAME=@FILE for a file (`@-`: stdin), its type from the extension (.jpg/.jpeg, .png, .wav, .pdf; else application/octet-stream)')
            [CompletionResult]::new('--form', '--form', [CompletionResultType]::ParameterName, 'A multipart/form-data part: NAME=VALUE, or NAME=@FILE for a file (`@-`: stdin), its type from the extension (.jpg/.jpeg, .png, .wav, .pdf; else application/octet-stream)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A field of a JSON object body: NAME=VALUE (a string) or NAME:=JSON (a raw JSON value)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A field of a JSON object body: NAME=VALUE (a string) or NAME:=JSON (a raw JSON value)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Send FILE as the body, as it is (`-`: stdin); its type with -H content-type:...')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header (not x-biometrid-key, x-biometrid-secret or host)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header (not x-biometrid-key, x-biometrid-secret or host)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once, 1 to 64')
            [CompletionResult]::new('--max-failures', '--max-failures', [CompletionResultType]::ParameterName, 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the reply''s status line and headers before its body')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the reply''s status line and headers before its body')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'A DELETE over several IDs: delete without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'A DELETE over several IDs: delete without asking')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Count USERID_NOT_EXISTS as success (idempotent cleanup)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request each ID would get (method and URL; -v: headers), send nothing')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Each resolved setting with its value and source (the secret masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be used')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the key and secret work: one harmless request (spends one of the quota)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile (not the secret), without prompts')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting from a profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;config;show' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config;path' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config;check' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config;set' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config;unset' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Each resolved setting with its value and source (the secret masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be used')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the key and secret work: one harmless request (spends one of the quota)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile (not the secret), without prompts')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting from a profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;config;help;show' {
            break
        }
        'biometrid;config;help;path' {
            break
        }
        'biometrid;config;help;check' {
            break
        }
        'biometrid;config;help;set' {
            break
        }
        'biometrid;config;help;unset' {
            break
        }
        'biometrid;config;help;help' {
            break
        }
        'biometrid;configure' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: take --key (or BIOMETRID_KEY) and the secret from --secret-file or BIOMETRID_SECRET')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;completions' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one [default: 8765; `exec`: a free one]')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: an IP (or `localhost`), or IP:PORT. Anything but loopback makes the sandbox reachable from other machines [default: 127.0.0.1]')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'TOML scenario file with the knobs below (flags given as well win over it)')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Accept this key/secret pair instead of the demo pair (repeatable)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]')
            [CompletionResult]::new('--missing-prefix', '--missing-prefix', [CompletionResultType]::ParameterName, 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]')
            [CompletionResult]::new('--quota', '--quota', [CompletionResultType]::ParameterName, 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST')
            [CompletionResult]::new('--failure-rate', '--failure-rate', [CompletionResultType]::ParameterName, 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Added to every reply: seconds, or with a unit (250ms, 1.5s)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'A random extra delay, up to this much (same format as --latency)')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Always answer ID (`*` = every ID) with this documented message (repeatable)')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append one JSON line per request to FILE (never the secret)')
            [CompletionResult]::new('--enrolled', '--enrolled', [CompletionResultType]::ParameterName, 'User ID is enrolled in these engines (face, voice) (repeatable)')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'User ID has this pending voice dialogue and prompt code (repeatable)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'The device with this MAC address belongs to user ID (repeatable)')
            [CompletionResult]::new('--pending-on-create', '--pending-on-create', [CompletionResultType]::ParameterName, 'Users created during the run get a pending dialogue with this prompt code')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD''s code')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;sandbox;exec' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one [default: 8765; `exec`: a free one]')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'TOML scenario file with the knobs below (flags given as well win over it)')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Accept this key/secret pair instead of the demo pair (repeatable)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]')
            [CompletionResult]::new('--missing-prefix', '--missing-prefix', [CompletionResultType]::ParameterName, 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]')
            [CompletionResult]::new('--quota', '--quota', [CompletionResultType]::ParameterName, 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST')
            [CompletionResult]::new('--failure-rate', '--failure-rate', [CompletionResultType]::ParameterName, 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Added to every reply: seconds, or with a unit (250ms, 1.5s)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'A random extra delay, up to this much (same format as --latency)')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Always answer ID (`*` = every ID) with this documented message (repeatable)')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append one JSON line per request to FILE (never the secret)')
            [CompletionResult]::new('--enrolled', '--enrolled', [CompletionResultType]::ParameterName, 'User ID is enrolled in these engines (face, voice) (repeatable)')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'User ID has this pending voice dialogue and prompt code (repeatable)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'The device with this MAC address belongs to user ID (repeatable)')
            [CompletionResult]::new('--pending-on-create', '--pending-on-create', [CompletionResultType]::ParameterName, 'Users created during the run get a pending dialogue with this prompt code')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client key [env: BIOMETRID_KEY]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from the first line of PATH (`-` = stdin)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow an http:// base URL that is not loopback (sends the secret in clear text)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Nothing on stdout on success; errors still go to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests, statuses, timing and attempts on stderr (the secret as ***)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'biometrid;sandbox;help' {
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD''s code')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;sandbox;help;exec' {
            break
        }
        'biometrid;sandbox;help;help' {
            break
        }
        'biometrid;help' {
            [CompletionResult]::new('restart-state', 'restart-state', [CompletionResultType]::ParameterValue, 'Restart the process state of one or more users')
            [CompletionResult]::new('enroll-status', 'enroll-status', [CompletionResultType]::ParameterValue, 'Show which engines (face, voice, ...) each user is enrolled in')
            [CompletionResult]::new('pending-dialogue', 'pending-dialogue', [CompletionResultType]::ParameterValue, 'Show each user''s pending voice dialogue, if any')
            [CompletionResult]::new('delete-user', 'delete-user', [CompletionResultType]::ParameterValue, 'Delete users (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('delete-face', 'delete-face', [CompletionResultType]::ParameterValue, 'Delete face enrolments (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('delete-voice', 'delete-voice', [CompletionResultType]::ParameterValue, 'Delete voice enrolments in a language (asks for confirmation on a terminal; --yes otherwise)')
            [CompletionResult]::new('find-user', 'find-user', [CompletionResultType]::ParameterValue, 'Print the ID of the user registered on a device (by MAC address)')
            [CompletionResult]::new('create-user', 'create-user', [CompletionResultType]::ParameterValue, 'Create a user and print its ID (never retried once it may have reached the server)')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Call any endpoint of the API, e.g. to upload a face photo')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, check and change the settings in effect and where each came from')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write a profile of the config file (prompts on a terminal)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of the API, for trying the tool and testing scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'biometrid;help;restart-state' {
            break
        }
        'biometrid;help;enroll-status' {
            break
        }
        'biometrid;help;pending-dialogue' {
            break
        }
        'biometrid;help;delete-user' {
            break
        }
        'biometrid;help;delete-face' {
            break
        }
        'biometrid;help;delete-voice' {
            break
        }
        'biometrid;help;find-user' {
            break
        }
        'biometrid;help;create-user' {
            break
        }
        'biometrid;help;api' {
            break
        }
        'biometrid;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Each resolved setting with its value and source (the secret masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be used')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the key and secret work: one harmless request (spends one of the quota)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile (not the secret), without prompts')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting from a profile')
            break
        }
        'biometrid;help;config;show' {
            break
        }
        'biometrid;help;config;path' {
            break
        }
        'biometrid;help;config;check' {
            break
        }
        'biometrid;help;config;set' {
            break
        }
        'biometrid;help;config;unset' {
            break
        }
        'biometrid;help;configure' {
            break
        }
        'biometrid;help;completions' {
            break
        }
        'biometrid;help;sandbox' {
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD''s code')
            break
        }
        'biometrid;help;sandbox;exec' {
            break
        }
        'biometrid;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
