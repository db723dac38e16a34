//! The `biometrid` binary: all of it is the library's `biometrid::main`.

fn main() -> std::process::ExitCode {
    biometrid::main()
}
