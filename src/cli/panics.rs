//! Turning a panic inside the library into an "internal error" for the one
//! file that caused it, so a bug never stops a build of many files.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Where the last panic on this thread happened, for the report.
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether this thread is inside `catch`, which reports the panic itself.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Replaces the default hook (which prints a raw panic message) with one
/// that only remembers where the panic happened; `catch` reports it.
pub(crate) fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        LAST_LOCATION.with(|last| *last.borrow_mut() = location);
    }));
}

/// Runs `f`; a panic becomes `Err(message)`.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    // The closure's captured state is dropped after a panic and never looked
    // at again, so unwind safety is not a concern here.
    let outer = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    result.map_err(|payload| {
        let mut message = payload_text(payload.as_ref());
        if let Some(location) = LAST_LOCATION.with(|last| last.borrow_mut().take()) {
            message.push_str(&format!(" (at {location})"));
        }
        message
    })
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_with_its_place() {
        install_hook();
        assert_eq!(catch(|| 7), Ok(7));
        let error = catch(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(error.starts_with("boom 1 (at "), "{error}");
        assert!(error.contains("panics.rs"), "{error}");
    }
}
