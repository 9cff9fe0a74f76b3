;; An endless loop in the module's start section, which runs while the module is
;; instantiated, before `_start`: the fuel budget must stop it there too, on every engine.
(module
  (memory (export "memory") 1)
  (func $spin
    (loop $forever (br $forever)))
  (start $spin)
  (func (export "_start")))
