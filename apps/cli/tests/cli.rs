//! The `salesflow` binary on real files.

use std::process::Command;

fn salesflow(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_salesflow")).args(args).output().expect("salesflow runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn file(contents: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(f.path(), contents).expect("write");
    f
}

fn long_csv() -> String {
    let mut s = String::from("series_id,t,value\n");
    for id in ["north", "south"] {
        for t in 1..=70 {
            s.push_str(&format!("{id},{t},{}\n", 50 + (t % 7) * 10 + (t * 37 % 11)));
        }
    }
    s
}

#[test]
fn forecast_writes_one_row_per_series_and_step_with_bands() {
    let input = file(&long_csv());
    let (code, out, err) =
        salesflow(&["forecast", "--input", input.path().to_str().unwrap(), "--horizon", "5", "--season", "7"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["series_id", "h", "value", "lo80", "hi80", "lo95", "hi95"]);
    assert_eq!(rows.len(), 1 + 2 * 5);
    assert_eq!((rows[1][0], rows[1][1], rows[10][0], rows[10][1]), ("north", "1", "south", "5"));
    for row in &rows[1..] {
        let v: Vec<f64> = row[2..].iter().map(|x| x.parse().unwrap()).collect();
        assert!(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4], "{row:?}");
    }
}

#[test]
fn date_value_input_is_one_daily_series() {
    let mut csv = String::from("date,value\n");
    for d in 1..=28 {
        csv.push_str(&format!("2026-02-{d:02},{}\n", 10 + d % 7));
    }
    let input = file(&csv);
    let (code, out, err) = salesflow(&[
        "forecast",
        "--input",
        input.path().to_str().unwrap(),
        "--horizon",
        "7",
        "--model",
        "seasonal_naive",
    ]);
    assert_eq!(code, 0, "{err}");
    let values: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').nth(2).unwrap()).collect();
    // Season 7 by default for dated input: the last week repeated.
    assert_eq!(values, ["11.0000", "12.0000", "13.0000", "14.0000", "15.0000", "16.0000", "10.0000"]);
}

#[test]
fn closed_days_from_the_holiday_calendar_are_forecast_as_zero() {
    let mut csv = String::from("date,value\n");
    for d in 1..=31 {
        csv.push_str(&format!("2026-03-{d:02},{}\n", 100 + d % 7));
    }
    let input = file(&csv);
    let path = input.path().to_str().unwrap();
    // Good Friday 2026 is 3 April, the 3rd forecast day; 7 April is closed by the shop.
    let args = ["forecast", "--input", path, "--horizon", "7", "--holidays", "england_and_wales", "--closed", "04-07"];
    let (code, out, err) = salesflow(&args);
    assert_eq!(code, 0, "{err}");
    let values: Vec<f64> = out.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().parse().unwrap()).collect();
    assert_eq!((values[2], values[5], values[6]), (0.0, 0.0, 0.0), "{values:?}");
    assert!(values[..2].iter().all(|v| *v > 90.0), "{values:?}");
    let (code, _, err) = salesflow(&["forecast", "--input", path, "--horizon", "3", "--holidays", "narnia"]);
    assert!(code != 0 && err.contains("narnia"), "{err}");
}

#[test]
fn anomalies_scores_every_point_and_flags_the_spike() {
    let mut csv = long_csv();
    csv.push_str("north,71,500\n");
    let input = file(&csv);
    for causal in [false, true] {
        let mut args = vec!["anomalies", "--input", input.path().to_str().unwrap(), "--season", "7"];
        if causal {
            args.push("--causal");
        }
        let (code, out, err) = salesflow(&args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().next(), Some("series_id,t,score,is_anomaly,label,severity"));
        assert_eq!(out.lines().count(), 1 + 141);
        let spike: Vec<&str> = out.lines().find(|l| l.starts_with("north,71,")).unwrap().split(',').collect();
        assert_eq!((spike[3], spike[4], spike[5]), ("1", "HIGH_SPIKE", "HIGH"));
        let score: f64 = spike[2].parse().unwrap();
        assert!(score > 0.5 && score <= 1.0);
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let input = file(&long_csv());
    let (code, _, err) =
        salesflow(&["forecast", "--input", input.path().to_str().unwrap(), "--horizon", "3", "--model", "magic"]);
    assert_eq!((code, err.contains("unknown model \"magic\"")), (2, true), "{err}");
    let broken = file("series_id,t,value\na,1,10\na,2,ten\n");
    let (code, _, err) = salesflow(&["anomalies", "--input", broken.path().to_str().unwrap()]);
    assert_eq!((code, err.contains("line 3")), (2, true), "{err}");
    let wrong = file("x,y\n1,2\n");
    let (code, _, err) = salesflow(&["forecast", "--input", wrong.path().to_str().unwrap(), "--horizon", "3"]);
    assert_eq!((code, err.contains("series_id,t,value")), (2, true), "{err}");
}
