# The profiles of the config file a --config on this line names.
function __fish_biometrid_profiles
    set -l cmd (commandline -opc)
    set -l cfg
    for i in (seq (count $cmd))
        switch $cmd[$i]
            case --config
                set -q cmd[(math $i + 1)]; and set cfg --config (string replace -r '^~/' "$HOME/" -- $cmd[(math $i + 1)])
            case '--config=*'
                set cfg --config (string replace -r '^~/' "$HOME/" -- (string replace -- --config= '' $cmd[$i]))
        end
    end
    biometrid $cfg config profiles 2>/dev/null
end
# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_biometrid_global_optspecs
    string join \n key= secret= secret-file= profile= config= base-url= timeout= connect-timeout= rate= retries= cacert= allow-insecure-http json q/quiet v/verbose color= h/help V/version
end

function __fish_biometrid_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_biometrid_global_optspecs) -- $cmd 2>/dev/null
    or begin
        # The last word may be an option waiting for its value (`biometrid --color `).
        set -e cmd[-1]
        argparse -s (__fish_biometrid_global_optspecs) -- $cmd 2>/dev/null
        and not set -q argv[1]
        and return 0
        return 1
    end
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_biometrid_using_subcommand
    set -l cmd (__fish_biometrid_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c biometrid -n "__fish_biometrid_needs_command" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_needs_command" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_needs_command" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_needs_command" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_needs_command" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_needs_command" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_needs_command" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_needs_command" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_needs_command" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_needs_command" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_needs_command" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "restart-state" -d 'Restart the process state of one or more users'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "enroll-status" -d 'Show which engines (face, voice, ...) each user is enrolled in'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "pending-dialogue" -d 'Show each user\'s pending voice dialogue, if any'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "delete-user" -d 'Delete users (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "delete-face" -d 'Delete face enrolments (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "delete-voice" -d 'Delete voice enrolments in a language (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "find-user" -d 'Print the ID of the user registered on a device (by MAC address)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "create-user" -d 'Create a user and print its ID (never retried once it may have reached the server)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "api" -d 'Call any endpoint of the API, e.g. to upload a face photo'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "config" -d 'Show, check and change the settings in effect and where each came from'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "configure" -d 'Write a profile of the config file (prompts on a terminal)'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "sandbox" -d 'Run a local emulator of the API, for trying the tool and testing scripts'
complete -c biometrid -n "__fish_biometrid_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_using_subcommand restart-state" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand enroll-status" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand pending-dialogue" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -s y -l yes -d 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-user" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -s y -l yes -d 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-face" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l from-file -d 'Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l language -d 'The language of the voice enrolment to delete (sent as language)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -s y -l yes -d 'Delete without asking (required when stdin or stderr is not a terminal, and for IDs read from stdin or --from-file)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand delete-voice" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l mac -d 'The device\'s MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l dry-run -d 'Print the request that would be sent (method, URL, body; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand find-user" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l reference-id -d 'Your reference for the user (sent as reference_id)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l mac -d 'The device\'s MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l app-token -d 'The application\'s push token for the device (sent as app_token)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l dry-run -d 'Print the request that would be sent (method, URL, body; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand create-user" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s X -l method -d 'The HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS [default: GET, or POST with a body]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l from-file -d 'With `{id}` in PATH: read user IDs from PATH, one per line' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s F -l form -d 'A multipart/form-data part: NAME=VALUE, or NAME=@FILE for a file (`@-`: stdin), its type from the extension (.jpg/.jpeg, .png, .wav, .pdf; else application/octet-stream)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s f -l field -d 'A field of a JSON object body: NAME=VALUE (a string) or NAME:=JSON (a raw JSON value)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l input -d 'Send FILE as the body, as it is (`-`: stdin); its type with -H content-type:...' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s H -l header -d 'Add a header (not x-biometrid-key, x-biometrid-secret or host)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l concurrency -d 'Requests in flight at once, 1 to 64' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l max-failures -d 'Stop after N IDs have failed: the rest are SKIPPED [default: no limit]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l journal -d 'Record each finished ID in FILE (JSON Lines, mode 0600), for --resume' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s i -l include -d 'Print the reply\'s status line and headers before its body'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s y -l yes -d 'A DELETE over several IDs: delete without asking'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l ignore-missing -d 'Count USERID_NOT_EXISTS as success (idempotent cleanup)'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l resume -d 'Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l dry-run -d 'Print the request each ID would get (method and URL; -v: headers), send nothing'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_using_subcommand api" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "show" -d 'Each resolved setting with its value and source (the secret masked)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "path" -d 'The config file that would be used'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "check" -d 'Check that the key and secret work: one harmless request (spends one of the quota)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "set" -d 'Set one setting of a profile (not the secret), without prompts'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "unset" -d 'Remove one setting from a profile'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and not __fish_seen_subcommand_from show path check set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Each resolved setting with its value and source (the secret masked)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'The config file that would be used'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check that the key and secret work: one harmless request (spends one of the quota)'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one setting of a profile (not the secret), without prompts'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove one setting from a profile'
complete -c biometrid -n "__fish_biometrid_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l no-input -d 'Never prompt, even on a terminal: take --key (or BIOMETRID_KEY) and the secret from --secret-file or BIOMETRID_SECRET'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_using_subcommand configure" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -s h -l help -d 'Print help'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l port -d 'Port to listen on; 0 picks a free one [default: 8765; `exec`: a free one]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l listen -d 'Address to listen on: an IP (or `localhost`), or IP:PORT. Anything but loopback makes the sandbox reachable from other machines [default: 127.0.0.1]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l scenario -d 'TOML scenario file with the knobs below (flags given as well win over it)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l client -d 'Accept this key/secret pair instead of the demo pair (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l user -d 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l missing-prefix -d 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l quota -d 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l fail-first -d 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l failure-rate -d 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l seed -d 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l latency -d 'Added to every reply: seconds, or with a unit (250ms, 1.5s)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l jitter -d 'A random extra delay, up to this much (same format as --latency)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l reply -d 'Always answer ID (`*` = every ID) with this documented message (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l log -d 'Append one JSON line per request to FILE (never the secret)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l enrolled -d 'User ID is enrolled in these engines (face, voice) (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l pending -d 'User ID has this pending voice dialogue and prompt code (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l device -d 'The device with this MAC address belongs to user ID (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l pending-on-create -d 'Users created during the run get a pending dialogue with this prompt code' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -f -a "exec" -d 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD\'s code'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and not __fish_seen_subcommand_from exec help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l port -d 'Port to listen on; 0 picks a free one [default: 8765; `exec`: a free one]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l scenario -d 'TOML scenario file with the knobs below (flags given as well win over it)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l client -d 'Accept this key/secret pair instead of the demo pair (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l user -d 'Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l missing-prefix -d 'IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l quota -d 'Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l fail-first -d 'Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l failure-rate -d 'Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l seed -d 'Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l latency -d 'Added to every reply: seconds, or with a unit (250ms, 1.5s)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l jitter -d 'A random extra delay, up to this much (same format as --latency)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l reply -d 'Always answer ID (`*` = every ID) with this documented message (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l log -d 'Append one JSON line per request to FILE (never the secret)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l enrolled -d 'User ID is enrolled in these engines (face, voice) (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l pending -d 'User ID has this pending voice dialogue and prompt code (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l device -d 'The device with this MAC address belongs to user ID (repeatable)' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l pending-on-create -d 'Users created during the run get a pending dialogue with this prompt code' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l key -d 'Client key [env: BIOMETRID_KEY]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l secret -d 'Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l secret-file -d 'Read the secret from the first line of PATH (`-` = stdin)' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l profile -d 'Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]' -r -f -a "(__fish_biometrid_profiles)"
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l config -d 'Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l base-url -d 'API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l timeout -d 'Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l connect-timeout -d 'Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l rate -d 'At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l retries -d 'Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]' -r
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l cacert -d 'Also trust the CA certificates in this PEM file' -r -F
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l color -d 'When to use color' -r -f -a "auto\t''
always\t''
never\t''"
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l allow-insecure-http -d 'Allow an http:// base URL that is not loopback (sends the secret in clear text)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -l json -d 'JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Nothing on stdout on success; errors still go to stderr'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Show requests, statuses, timing and attempts on stderr (the secret as ***)'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD\'s code'
complete -c biometrid -n "__fish_biometrid_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "restart-state" -d 'Restart the process state of one or more users'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "enroll-status" -d 'Show which engines (face, voice, ...) each user is enrolled in'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "pending-dialogue" -d 'Show each user\'s pending voice dialogue, if any'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "delete-user" -d 'Delete users (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "delete-face" -d 'Delete face enrolments (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "delete-voice" -d 'Delete voice enrolments in a language (asks for confirmation on a terminal; --yes otherwise)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "find-user" -d 'Print the ID of the user registered on a device (by MAC address)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "create-user" -d 'Create a user and print its ID (never retried once it may have reached the server)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "api" -d 'Call any endpoint of the API, e.g. to upload a face photo'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "config" -d 'Show, check and change the settings in effect and where each came from'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "configure" -d 'Write a profile of the config file (prompts on a terminal)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "completions" -d 'Print a shell completion script'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "sandbox" -d 'Run a local emulator of the API, for trying the tool and testing scripts'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and not __fish_seen_subcommand_from restart-state enroll-status pending-dialogue delete-user delete-face delete-voice find-user create-user api config configure completions sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Each resolved setting with its value and source (the secret masked)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'The config file that would be used'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Check that the key and secret work: one harmless request (spends one of the quota)'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one setting of a profile (not the secret), without prompts'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove one setting from a profile'
complete -c biometrid -n "__fish_biometrid_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "exec" -d 'Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD\'s code'
complete -c biometrid -n "__fish_biometrid_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a "bash elvish fish powershell zsh"
