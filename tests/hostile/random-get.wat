;; Draws 16 random bytes twice and prints both in hex. The bytes are seeded by the case, so
;; grading twice must give the same report; the two draws must differ and not be zero
;; (otherwise the guest exits 1).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "0123456789abcdef\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Prints 16 bytes at $at as 32 hex digits and a newline.
  (func $hex (param $at i32) (local $i i32) (local $byte i32)
    (loop $each
      (local.set $byte (i32.load8_u (i32.add (local.get $at) (local.get $i))))
      (call $print (i32.add (i32.const 96) (i32.shr_u (local.get $byte) (i32.const 4))) (i32.const 1))
      (call $print (i32.add (i32.const 96) (i32.and (local.get $byte) (i32.const 15))) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (i32.const 16))))
    (call $print (i32.const 112) (i32.const 1)))
  (func (export "_start")
    (if (call $random_get (i32.const 1024) (i32.const 16)) (then (call $proc_exit (i32.const 1))))
    (if (call $random_get (i32.const 1040) (i32.const 16)) (then (call $proc_exit (i32.const 1))))
    (call $hex (i32.const 1024))
    (call $hex (i32.const 1040))
    (if (i64.eqz (i64.or (i64.load (i32.const 1024)) (i64.load (i32.const 1032))))
      (then (call $proc_exit (i32.const 1))))
    (if (i32.and (i64.eq (i64.load (i32.const 1024)) (i64.load (i32.const 1040)))
                 (i64.eq (i64.load (i32.const 1032)) (i64.load (i32.const 1048))))
      (then (call $proc_exit (i32.const 1))))))
