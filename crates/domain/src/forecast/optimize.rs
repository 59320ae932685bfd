//! Minimisers for fitting smoothing parameters: golden-section (one parameter) and Nelder–Mead
//! (a few), on parameters bounded to `[lo, hi]`.

/// Minimises `f` on `[lo, hi]` by golden-section search.
pub(crate) fn golden_section(f: impl Fn(f64) -> f64, lo: f64, hi: f64, iterations: usize) -> f64 {
    let ratio = (5_f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (lo, hi);
    let mut c = b - ratio * (b - a);
    let mut d = a + ratio * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..iterations {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - ratio * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + ratio * (b - a);
            fd = f(d);
        }
    }
    if fc < fd { c } else { d }
}

/// Minimises `f` over a box by Nelder–Mead, starting from `start`.
pub(crate) fn nelder_mead(
    f: impl Fn(&[f64]) -> f64,
    start: &[f64],
    lo: &[f64],
    hi: &[f64],
    iterations: usize,
) -> Vec<f64> {
    let n = start.len();
    let clamp = |x: &mut Vec<f64>| {
        for (i, v) in x.iter_mut().enumerate() {
            *v = v.clamp(lo[i], hi[i]);
        }
    };
    let mut simplex: Vec<Vec<f64>> = (0..=n)
        .map(|i| {
            let mut p = start.to_vec();
            if i > 0 {
                p[i - 1] += 0.1 * (hi[i - 1] - lo[i - 1]);
            }
            clamp(&mut p);
            p
        })
        .collect();
    let mut values: Vec<f64> = simplex.iter().map(|p| f(p)).collect();
    for _ in 0..iterations {
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
        let (best, worst, second) = (order[0], order[n], order[n - 1]);
        if (values[worst] - values[best]).abs() <= 1e-10 * (1.0 + values[best].abs()) {
            break;
        }
        let centroid: Vec<f64> =
            (0..n).map(|j| order[..n].iter().map(|i| simplex[*i][j]).sum::<f64>() / n as f64).collect();
        let towards = |t: f64| {
            let mut p: Vec<f64> = (0..n).map(|j| centroid[j] + t * (simplex[worst][j] - centroid[j])).collect();
            clamp(&mut p);
            p
        };
        let reflected = towards(-1.0);
        let fr = f(&reflected);
        if fr < values[best] {
            let expanded = towards(-2.0);
            let fe = f(&expanded);
            (simplex[worst], values[worst]) = if fe < fr { (expanded, fe) } else { (reflected, fr) };
        } else if fr < values[second] {
            (simplex[worst], values[worst]) = (reflected, fr);
        } else {
            let contracted = towards(0.5);
            let fc = f(&contracted);
            if fc < values[worst] {
                (simplex[worst], values[worst]) = (contracted, fc);
            } else {
                for i in order[1..].iter().copied() {
                    let shrunk: Vec<f64> =
                        (0..n).map(|j| simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j])).collect();
                    values[i] = f(&shrunk);
                    simplex[i] = shrunk;
                }
            }
        }
    }
    let best = (0..=n).min_by(|a, b| values[*a].total_cmp(&values[*b])).unwrap_or(0);
    simplex.swap_remove(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_minima() {
        let x = golden_section(|a| (a - 0.3).powi(2), 0.0, 1.0, 60);
        assert!((x - 0.3).abs() < 1e-6);
        let p = nelder_mead(
            |p| (p[0] - 0.2).powi(2) + 3.0 * (p[1] - 0.7).powi(2),
            &[0.5, 0.5],
            &[0.0, 0.0],
            &[1.0, 1.0],
            400,
        );
        assert!((p[0] - 0.2).abs() < 1e-3 && (p[1] - 0.7).abs() < 1e-3, "{p:?}");
    }
}
