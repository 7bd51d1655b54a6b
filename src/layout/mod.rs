//! Model + text metrics → Scene: every box, text line, curve point and
//! arrow in absolute coordinates. Renderers only write the Scene down.
