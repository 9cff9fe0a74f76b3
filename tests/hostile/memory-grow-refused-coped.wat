;; Asks for 1 GiB more memory, is refused, copes and prints the right answer: a refused
;; grow alone is no failure, so this is accepted.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "ok\n")
  (data (i32.const 112) "not refused\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (if (i32.eq (memory.grow (i32.const 16384)) (i32.const -1))
      (then (call $print (i32.const 96) (i32.const 3)))
      (else (call $print (i32.const 112) (i32.const 12))))))
