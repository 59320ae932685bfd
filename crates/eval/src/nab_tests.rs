//! Hand-computed NAB cases. The file of most cases: 100 rows, so 15 probationary rows, and one
//! window over rows 50..=59 (width 10). σ(x) = 2/(1+e^{5x}) − 1 = −tanh(2.5x), σ(−1) = tanh 2.5.

use super::*;

const WINDOW: [(usize, usize); 1] = [(50, 59)];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-5
}

/// Scores 1.0 at `at`, 0 elsewhere, over 100 rows.
fn detections(at: &[usize]) -> Vec<f64> {
    (0..100).map(|i| if at.contains(&i) { 1.0 } else { 0.0 }).collect()
}

/// The file's score when exactly the rows in `at` are detections (threshold 1.0).
fn score(at: &[usize], windows: &[(usize, usize)]) -> ThresholdScore {
    let rows = sweep_rows(&detections(at), windows, 0, &STANDARD);
    score_at(&scores_by_threshold(&rows, &STANDARD), 1.0).expect("a table always has a row")
}

#[test]
fn the_scaled_sigmoid_and_the_probation() {
    assert!(close(scaled_sigmoid(-1.0), 0.986_614)); // tanh 2.5
    assert!(close(scaled_sigmoid(-0.5), 0.848_283)); // tanh 1.25
    assert!(close(scaled_sigmoid(0.0), 0.0));
    assert!(close(scaled_sigmoid(1.0), -0.986_614));
    assert_eq!(scaled_sigmoid(3.5), -1.0);
    assert_eq!(probationary_length(100), 15.0);
    assert_eq!(probationary_length(4000), 600.0);
    assert_eq!(probationary_length(10_000), 750.0, "capped at 15 % of 5000 rows");
}

#[test]
fn a_detection_at_the_start_of_a_window_earns_the_full_tp_weight() {
    let s = score(&[50], &WINDOW);
    assert!(close(s.score, 1.0), "{s:?}");
    // 85 scored rows: 10 in the window (1 tp, 9 fn), 75 outside (all tn).
    assert_eq!((s.tp, s.fn_count, s.fp, s.tn), (1, 9, 0, 75));
}

#[test]
fn a_late_detection_earns_less() {
    // Last row: position −1/10 → tanh(0.25) / tanh(2.5) = 0.244919 / 0.986614.
    assert!(close(score(&[59], &WINDOW).score, 0.248_242));
    // Row 54: position −6/10 → tanh(1.5) / tanh(2.5) = 0.905148 / 0.986614.
    assert!(close(score(&[54], &WINDOW).score, 0.917_429));
}

#[test]
fn only_the_earliest_detection_in_a_window_counts() {
    // Rows 52 and 57: the window scores as row 52 alone, position −8/10 → tanh 2 / tanh 2.5.
    let s = score(&[52, 57], &WINDOW);
    assert!(close(s.score, 0.977_107), "{s:?}");
    assert_eq!(s.tp, 2, "both rows still count as true-positive rows");
}

#[test]
fn a_detection_just_after_a_window_is_a_mild_false_positive() {
    // Row 60: 1/9 past the window → −tanh(0.27778) · 0.11 = −0.029793; the window is missed (−1).
    let s = score(&[60], &WINDOW);
    assert!(close(s.score, -1.029_793), "{s:?}");
    assert_eq!((s.fp, s.tp), (1, 0));
}

#[test]
fn a_false_positive_far_from_any_window_costs_the_full_fp_weight() {
    // Row 30 precedes every window: −0.11. Row 95 is 36/9 = 4 > 3 widths past it: −0.11.
    assert!(close(score(&[30], &WINDOW).score, -1.11));
    assert!(close(score(&[30, 95], &WINDOW).score, -1.22));
}

#[test]
fn probationary_rows_are_never_scored() {
    let s = score(&[5], &WINDOW);
    assert!(close(s.score, -1.0));
    assert_eq!(s.fp + s.tp + s.tn + s.fn_count, 85);
}

#[test]
fn a_file_without_windows_only_loses_to_false_positives() {
    assert!(close(score(&[20, 80], &[]).score, -0.22));
    assert!(close(score(&[], &[]).score, 0.0));
    let rows = sweep_rows(&detections(&[20]), &[], 0, &STANDARD);
    assert!(rows.iter().all(|r| r.zone != Zone::Window(0)));
}

#[test]
fn a_threshold_between_scores_detects_the_scores_above_it() {
    let scores: Vec<f64> = (0..100).map(|i| if i == 50 { 0.9 } else { 0.1 }).collect();
    let table = scores_by_threshold(&sweep_rows(&scores, &WINDOW, 0, &STANDARD), &STANDARD);
    let thresholds: Vec<f64> = table.iter().map(|t| t.threshold).collect();
    assert_eq!(thresholds, [1.1, 0.9, 0.1]);
    let between = score_at(&table, 0.5).expect("a row");
    assert_eq!(between.threshold, 0.9);
    assert!(close(between.score, 1.0));
    assert!(close(score_at(&table, 1.1).expect("a row").score, -1.0), "nothing detected");
}

#[test]
fn the_optimiser_picks_the_best_corpus_threshold_and_normalises() {
    // File A: its window found at its first row by a 0.9. File B: a 0.95 false positive before its
    // window, and its window found mid-way (row 55: position −5/10 → 0.848283 / 0.986614) by a 0.8.
    let a: Vec<f64> = (0..100).map(|i| if i == 50 { 0.9 } else { 0.0 }).collect();
    let b: Vec<f64> = (0..100)
        .map(|i| match i {
            30 => 0.95,
            55 => 0.8,
            _ => 0.0,
        })
        .collect();
    let files = [(a, &WINDOW[..]), (b, &WINDOW[..])];
    let corpus = score_corpus(&files, &STANDARD);
    // Thresholds: 1.1 → −2; 0.95 → −2.11; 0.9 → −0.11; 0.8 → 1 + 0.859793 − 0.11; 0 → many FPs.
    assert_eq!(corpus.threshold, 0.8);
    assert!(close(corpus.raw, 1.749_793), "{corpus:?}");
    assert!(close(corpus.files[0].score, 1.0) && close(corpus.files[1].score, 0.749_793));
    // The null detector's best is to detect nothing (−1 a window); perfect is 1 a window.
    assert_eq!((corpus.null, corpus.perfect), (-2.0, 2.0));
    assert!(close(corpus.normalised, 93.744_814)); // 100 · (1.749793 + 2) / (2 + 2)
    assert_eq!(normalise(-2.0, -2.0, 2.0), 0.0);
    assert_eq!(normalise(2.0, -2.0, 2.0), 100.0);
}

#[test]
fn scores_are_rounded_to_twelve_significant_digits_as_nab_stored_them() {
    assert_eq!(as_written(0.999_999_999_999_773_8), 1.0);
    assert_eq!(as_written(0.999_999_050_523_4), 0.999_999_050_523);
    assert_eq!(as_written(0.0), 0.0);
}
