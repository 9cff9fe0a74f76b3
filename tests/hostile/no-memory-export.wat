;; A command that keeps its memory to itself: WASI hosts read buffers through the export.
(module
  (memory 1)
  (func (export "_start")))
