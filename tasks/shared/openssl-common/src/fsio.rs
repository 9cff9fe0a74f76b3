//! Files named by raw argument bytes, as the C tools open them.

use std::path::PathBuf;

/// The path a C program would open for `name`.
pub fn path(name: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(name))
    }
    #[cfg(target_os = "wasi")]
    {
        use std::os::wasi::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(name))
    }
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        PathBuf::from(String::from_utf8_lossy(name).into_owned())
    }
}

/// The whole file `name`, or `None` when it cannot be opened and read (the empty name
/// included, which Linux refuses).
pub fn read(name: &[u8]) -> Option<Vec<u8>> {
    if name.is_empty() {
        return None;
    }
    std::fs::read(path(name)).ok()
}

/// Creates or truncates `name` with `data`.
///
/// # Errors
/// When the file cannot be written.
pub fn write(name: &[u8], data: &[u8]) -> std::io::Result<()> {
    std::fs::write(path(name), data)
}

/// All of standard input.
pub fn stdin() -> Vec<u8> {
    use std::io::Read;
    let mut data = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut data);
    data
}
