
use builtin;
use str;

set edit:completion:arg-completer[biometrid] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'biometrid'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'biometrid'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand restart-state 'Restart the process state of one or more users'
            cand config 'Show the settings in effect and where each came from'
            cand configure 'Write a profile of the config file (prompts on a terminal)'
            cand completions 'Print a shell completion script'
            cand sandbox 'Run a local emulator of the API, for trying the tool and testing scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;restart-state'= {
            cand --from-file 'Read user IDs from PATH, one per line (blank lines and # comments skipped)'
            cand --concurrency 'Requests in flight at once, 1 to 64'
            cand --max-failures 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]'
            cand --journal 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume'
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --ignore-missing 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
            cand --resume 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
            cand --dry-run 'Print the request each ID would get (method and URL; -v: headers), send nothing'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;config'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Each resolved setting with its value and source (the secret masked)'
            cand path 'The config file that would be used'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;config;show'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;config;path'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;config;help'= {
            cand show 'Each resolved setting with its value and source (the secret masked)'
            cand path 'The config file that would be used'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;config;help;show'= {
        }
        &'biometrid;config;help;path'= {
        }
        &'biometrid;config;help;help'= {
        }
        &'biometrid;configure'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --no-input 'Never prompt, even on a terminal: take --key (or BIOMETRID_KEY) and the secret from --secret-file or BIOMETRID_SECRET'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;completions'= {
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;sandbox'= {
            cand --port 'Port to listen on; 0 picks a free one [default: 8765]'
            cand --listen 'Address to listen on: an IP (or `localhost`), or IP:PORT. Anything but loopback makes the sandbox reachable from other machines [default: 127.0.0.1]'
            cand --scenario 'TOML scenario file with the knobs below (flags given as well win over it)'
            cand --client 'Accept this key/secret pair instead of the demo pair (repeatable)'
            cand --user 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]'
            cand --missing-prefix 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]'
            cand --quota 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED'
            cand --fail-first 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST'
            cand --failure-rate 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0'
            cand --seed 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]'
            cand --latency 'Added to every reply: seconds, or with a unit (250ms, 1.5s)'
            cand --jitter 'A random extra delay, up to this much (same format as --latency)'
            cand --reply 'Always answer ID (`*` = every ID) with this documented message (repeatable)'
            cand --log 'Append one JSON line per request to FILE (never the secret)'
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand exec 'Start a sandbox on a free loopback port, run CMD against it, stop it, exit with CMD''s code'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;sandbox;exec'= {
            cand --scenario 'TOML scenario file with the knobs below (flags given as well win over it)'
            cand --client 'Accept this key/secret pair instead of the demo pair (repeatable)'
            cand --user 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]'
            cand --missing-prefix 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]'
            cand --quota 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED'
            cand --fail-first 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST'
            cand --failure-rate 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0'
            cand --seed 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]'
            cand --latency 'Added to every reply: seconds, or with a unit (250ms, 1.5s)'
            cand --jitter 'A random extra delay, up to this much (same format as --latency)'
            cand --reply 'Always answer ID (`*` = every ID) with this documented message (repeatable)'
            cand --log 'Append one JSON line per request to FILE (never the secret)'
            cand --key 'Client key [env: BIOMETRID_KEY]'
            cand --secret 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]'
            cand --secret-file 'Read the secret from the first line of PATH (`-` = stdin)'
            cand --profile 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]'
            cand --config 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]'
            cand --base-url 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]'
            cand --timeout 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]'
            cand --rate 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second [env: BIOMETRID_RATE] [default: unlimited]'
            cand --retries 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]'
            cand --cacert 'Also trust the CA certificates in this PEM file'
            cand --color 'When to use color'
            cand --allow-insecure-http 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
            cand --json 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
            cand -q 'Nothing on stdout on success; errors still go to stderr'
            cand --quiet 'Nothing on stdout on success; errors still go to stderr'
            cand -v 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand --verbose 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'biometrid;sandbox;help'= {
            cand exec 'Start a sandbox on a free loopback port, run CMD against it, stop it, exit with CMD''s code'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;sandbox;help;exec'= {
        }
        &'biometrid;sandbox;help;help'= {
        }
        &'biometrid;help'= {
            cand restart-state 'Restart the process state of one or more users'
            cand config 'Show the settings in effect and where each came from'
            cand configure 'Write a profile of the config file (prompts on a terminal)'
            cand completions 'Print a shell completion script'
            cand sandbox 'Run a local emulator of the API, for trying the tool and testing scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'biometrid;help;restart-state'= {
        }
        &'biometrid;help;config'= {
            cand show 'Each resolved setting with its value and source (the secret masked)'
            cand path 'The config file that would be used'
        }
        &'biometrid;help;config;show'= {
        }
        &'biometrid;help;config;path'= {
        }
        &'biometrid;help;configure'= {
        }
        &'biometrid;help;completions'= {
        }
        &'biometrid;help;sandbox'= {
            cand exec 'Start a sandbox on a free loopback port, run CMD against it, stop it, exit with CMD''s code'
        }
        &'biometrid;help;sandbox;exec'= {
        }
        &'biometrid;help;help'= {
        }
    ]
    $completions[$command]
}
