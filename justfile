# SalesFlow tasks. `just` is optional: every recipe is a plain command you can run by hand.
# Install it with `cargo install just` if you want it.

# Start the gateway in DEV mode with fake data (http://127.0.0.1:8081/docs/).
run:
    cargo run

# The whole test suite (what CI runs after fmt, clippy and the dependency rule).
test:
    cargo test --workspace

# Format check, lints as errors, the dependency rule, then the tests.
check:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets --locked -- -D warnings
    .ci/dependency-rule
    cargo test --workspace

# Exactly what CI runs on every submission (starts Redis/PostgreSQL, installs test tools).
ci:
    .ci/run

# Criterion benchmarks (release build; results in target/criterion).
bench:
    cargo bench --workspace

# Accuracy of forecasts and anomaly detection on public data (M4, NAB, UCI retail) and the fake shop.
eval:
    cargo run --release -p salesflow-eval -- --out docs/ACCURACY.md

# HTTP load test with wrk on this machine: `just bench-http /api/v1/health 64 15`.
bench-http path="/api/v1/health" connections="64" seconds="15":
    tests/load/http.sh {{path}} {{connections}} {{seconds}}

# Format the code.
fmt:
    cargo fmt --all
