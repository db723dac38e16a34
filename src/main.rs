fn main() -> std::process::ExitCode {
    biometrid::main()
}
