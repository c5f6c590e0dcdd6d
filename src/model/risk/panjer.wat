;; The inner loop of Panjer's recursion (compound.ts), compiled into panjer-wasm.ts by `npm run wasm`
;; (scripts/wasm.mjs); panjer.ts holds the same loop in JavaScript, and a test checks both give the
;; same bits and that panjer-wasm.ts is this file compiled.
;;
;; Memory (bytes): pa(t) at 16t and pb(t) at 16t + 8, t < m; the atoms' lattice offsets 8·at(t)
;; (i32, at sorted, ≥ 1) from atOff; f(j) at fOff + 8j, f(0) set by the caller. For j = 1 … upTo:
;;   f(j) = ((Σ pa(t)·f(j − at(t))) + (Σ pb(t)·f(j − at(t))) / j) · norm   over at(t) ≤ j,
;; two atoms a step into four sums (two SIMD pairs (Σ pa, Σ pb): each lane does the scalar
;; operations in the scalar order, so the bits are the JavaScript kernel's), stored as 0 below 1e-200; past 1e200 all of f(0 … j) is divided
;; by 1e200 (counted in the global `rescales`). From j ≥ tailFrom the terms are summed, and past
;; minStop the pass ends (returning j) once a block of `span` terms adds at most eps of that sum.
;; Pointers step through the arrays (no index arithmetic in the inner loop): most passes of a short
;; run execute in V8's baseline compiler, which does not hoist it.
;; $a points at 8·at(t), $q at pa(t), $fj at f(j); $reachEnd is atOff + 4·reach.
(module
  (memory (export "memory") 1)
  (global $rescales (export "rescales") (mut i32) (i32.const 0))
  ;; The two results of "below" and "above".
  (global $sumA (export "sumA") (mut f64) (f64.const 0))
  (global $sumB (export "sumB") (mut f64) (f64.const 0))
  ;; P(B < cap) and E[(cap − B)+] from f (compound.ts): for j = 0 … n − 1 and p = f(j)·scale, Σ p
  ;; (Kahan-compensated) into sumA and Σ p·(cap − j·h) into sumB, in the JavaScript kernel's order.
  (func (export "below") (param $fOff i32) (param $n i32) (param $scale f64) (param $cap f64) (param $h f64)
    (local $j i32) (local $fj i32) (local $p f64) (local $y f64) (local $t f64)
    (local $sum f64) (local $carry f64) (local $short f64)
    (local.set $fj (local.get $fOff))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (f64.mul (f64.load (local.get $fj)) (local.get $scale)))
        (local.set $y (f64.sub (local.get $p) (local.get $carry)))
        (local.set $t (f64.add (local.get $sum) (local.get $y)))
        (local.set $carry (f64.sub (f64.sub (local.get $t) (local.get $sum)) (local.get $y)))
        (local.set $sum (local.get $t))
        (local.set $short (f64.add (local.get $short)
          (f64.mul (local.get $p) (f64.sub (local.get $cap) (f64.mul (f64.convert_i32_s (local.get $j)) (local.get $h))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $fj (i32.add (local.get $fj) (i32.const 8)))
        (br $l)))
    (global.set $sumA (local.get $sum))
    (global.set $sumB (local.get $short)))
  ;; The tail summed past the cap (compound.ts's directTail): for j = from … end and p = f(j)·scale,
  ;; Σ p into sumA and Σ p·(j·h − cap) into sumB.
  (func (export "above") (param $fOff i32) (param $from i32) (param $end i32) (param $scale f64) (param $cap f64) (param $h f64)
    (local $j i32) (local $fj i32) (local $p f64) (local $sum f64) (local $excess f64)
    (local.set $j (local.get $from))
    (local.set $fj (i32.add (local.get $fOff) (i32.shl (local.get $from) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.gt_s (local.get $j) (local.get $end)))
        (local.set $p (f64.mul (f64.load (local.get $fj)) (local.get $scale)))
        (local.set $sum (f64.add (local.get $sum) (local.get $p)))
        (local.set $excess (f64.add (local.get $excess)
          (f64.mul (local.get $p) (f64.sub (f64.mul (f64.convert_i32_s (local.get $j)) (local.get $h)) (local.get $cap)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $fj (i32.add (local.get $fj) (i32.const 8)))
        (br $l)))
    (global.set $sumA (local.get $sum))
    (global.set $sumB (local.get $excess)))
  (func (export "run")
    (param $m i32) (param $upTo i32) (param $norm f64) (param $tailFrom f64) (param $minStop f64)
    (param $span i32) (param $eps f64) (param $atOff i32) (param $fOff i32)
    (result i32)
    (local $j i32) (local $reachEnd i32) (local $atEnd i32) (local $a i32) (local $q i32)
    (local $fj i32) (local $u i32)
    (local $acc v128) (local $acc2 v128) (local $v f64) (local $w f64) (local $jf f64)
    (local $tail f64) (local $blockSum f64) (local $blockStart i32) (local $fjv f64)
    (global.set $rescales (i32.const 0))
    (local.set $j (i32.const 1))
    (local.set $reachEnd (local.get $atOff))
    (local.set $atEnd (i32.add (local.get $atOff) (i32.shl (local.get $m) (i32.const 2))))
    (local.set $fj (i32.add (local.get $fOff) (i32.const 8)))
    (block $out
      (loop $outer
        (br_if $out (i32.gt_s (local.get $j) (local.get $upTo)))
        ;; atoms with at(t) ≤ j: 8·at(t) ≤ 8j
        (block $rdone
          (loop $r
            (br_if $rdone (i32.ge_u (local.get $reachEnd) (local.get $atEnd)))
            (br_if $rdone (i32.gt_s (i32.load (local.get $reachEnd)) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $reachEnd (i32.add (local.get $reachEnd) (i32.const 4)))
            (br $r)))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $acc2 (v128.const i64x2 0 0))
        (local.set $a (local.get $atOff))
        (local.set $q (i32.const 0))
        (block $idone
          (loop $i
            ;; two atoms left: $a + 4 < $reachEnd
            (br_if $idone (i32.ge_u (i32.add (local.get $a) (i32.const 4)) (local.get $reachEnd)))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (v128.load (local.get $q)) (f64x2.splat (f64.load (i32.sub (local.get $fj) (i32.load (local.get $a))))))))
            (local.set $acc2 (f64x2.add (local.get $acc2)
              (f64x2.mul (v128.load offset=16 (local.get $q)) (f64x2.splat (f64.load (i32.sub (local.get $fj) (i32.load offset=4 (local.get $a))))))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $i)))
        (if (i32.lt_u (local.get $a) (local.get $reachEnd))
          (then
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (v128.load (local.get $q)) (f64x2.splat (f64.load (i32.sub (local.get $fj) (i32.load (local.get $a))))))))))
        (local.set $jf (f64.convert_i32_s (local.get $j)))
        (local.set $v (f64.mul
          (f64.add
            (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 0 (local.get $acc2)))
            (f64.div (f64.add (f64x2.extract_lane 1 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc2))) (local.get $jf)))
          (local.get $norm)))
        (f64.store (local.get $fj)
          (select (f64.const 0) (local.get $v) (f64.lt (local.get $v) (f64.const 1e-200))))
        (if (f64.gt (local.get $v) (f64.const 1e200))
          (then
            (local.set $u (local.get $fOff))
            (block $sdone
              (loop $s
                (br_if $sdone (i32.gt_u (local.get $u) (local.get $fj)))
                (local.set $w (f64.div (f64.load (local.get $u)) (f64.const 1e200)))
                (f64.store (local.get $u)
                  (select (f64.const 0) (local.get $w) (f64.lt (local.get $w) (f64.const 1e-200))))
                (local.set $u (i32.add (local.get $u) (i32.const 8)))
                (br $s)))
            (global.set $rescales (i32.add (global.get $rescales) (i32.const 1)))
            (local.set $tail (f64.div (local.get $tail) (f64.const 1e200)))
            (local.set $blockSum (f64.div (local.get $blockSum) (f64.const 1e200)))))
        (if (f64.ge (local.get $jf) (local.get $tailFrom))
          (then
            (local.set $fjv (f64.load (local.get $fj)))
            (local.set $tail (f64.add (local.get $tail) (local.get $fjv)))
            (local.set $blockSum (f64.add (local.get $blockSum) (local.get $fjv)))
            (if (i32.ge_s (i32.sub (local.get $j) (local.get $blockStart)) (local.get $span))
              (then
                (if (i32.and (f64.gt (local.get $jf) (local.get $minStop)) (f64.le (local.get $blockSum) (f64.mul (local.get $eps) (local.get $tail))))
                  (then (return (local.get $j))))
                (local.set $blockSum (f64.const 0))
                (local.set $blockStart (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $fj (i32.add (local.get $fj) (i32.const 8)))
        (br $outer)))
    (local.get $upTo))
)
