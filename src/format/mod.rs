//! AST → canonical text (`cjm fmt`). Only parses, never compiles.
