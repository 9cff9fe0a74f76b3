;; Busy-waits until the monotonic clock says an hour has passed, spinning 10,000 times
;; between reads. The virtual clock moves only a little per read, so the wait never ends
;; on its own: fuel must stop it.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $start i64) (local $spin i32)
    (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0)))
    (local.set $start (i64.load (i32.const 0)))
    (loop $wait
      (local.set $spin (i32.const 10000))
      (loop $busy
        (local.set $spin (i32.sub (local.get $spin) (i32.const 1)))
        (br_if $busy (local.get $spin)))
      (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0)))
      (br_if $wait (i64.lt_u
        (i64.sub (i64.load (i32.const 0)) (local.get $start))
        (i64.const 3600000000000))))))
