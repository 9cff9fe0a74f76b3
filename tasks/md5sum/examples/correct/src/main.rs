//! Example submission for the md5sum task: correct. The program is `gnu-sums`, an
//! implementation of GNU's checksum programs written from the specs with its own hash
//! functions, shared by the hashing tasks' correct examples.

fn main() {
    std::process::exit(gnu_sums::app::main(gnu_sums::app::Program::Md5sum));
}
