/// The greatest common divisor of |a| and |b|, and 0 when both are 0: the one gcd every
/// subject shares (lowest terms, lattice points on a segment).
func gcd(_ a: Int, _ b: Int) -> Int {
    var x = abs(a), y = abs(b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
