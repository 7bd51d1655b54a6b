//! AST → model: names, references, computed semantics, and every error.

use crate::{Compilation, CompileOptions};

pub(crate) fn compile(_bytes: &[u8], _options: &CompileOptions) -> Compilation {
    todo!("resolve::compile")
}
