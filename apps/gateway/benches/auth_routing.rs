//! Auth + routing overhead, in process (no sockets): the full middleware stack (request id,
//! metrics, CORS, error envelope) around the routes, with and without JWT verification.

use std::hint::black_box;

use actix_web::test::{TestRequest, call_service, init_service};
use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources};
use criterion::{Criterion, criterion_group, criterion_main};
use gateway::AppState;

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let env = [
        ("JAVA_JWT_SECRET", testkit::JAVA_SECRET),
        ("APP__TELEMETRY__ACCESS_LOG", "false"),
        ("APP__STATE__BACKEND", "memory"),
    ];
    let settings = load(&ConfigSources::from_env(env)).expect("settings").settings;
    let adapters = runtime.block_on(Adapters::from_settings(&settings)).expect("adapters");
    let state = actix_web::web::Data::new(AppState::new(settings, adapters));
    let service = runtime.block_on(init_service(gateway::app(state)));
    let user = testkit::tokens::user();
    let forged = testkit::tokens::sign_with(
        &testkit::tokens::java_claims("USER"),
        "another-secret-of-at-least-32-bytes-long!!",
        jsonwebtoken::Algorithm::HS256,
    );

    let mut group = c.benchmark_group("gateway");
    group.bench_function("health (no auth)", |b| {
        b.iter(|| {
            let req = TestRequest::get().uri("/api/v1/health").to_request();
            black_box(runtime.block_on(call_service(&service, req)))
        });
    });
    group.bench_function("me (JWT verified, role checked)", |b| {
        b.iter(|| {
            let req = TestRequest::get()
                .uri("/api/v1/me")
                .insert_header(("Authorization", format!("Bearer {user}")))
                .to_request();
            black_box(runtime.block_on(call_service(&service, req)))
        });
    });
    group.bench_function("me (forged signature, 401)", |b| {
        b.iter(|| {
            let req = TestRequest::get()
                .uri("/api/v1/me")
                .insert_header(("Authorization", format!("Bearer {forged}")))
                .to_request();
            black_box(runtime.block_on(call_service(&service, req)))
        });
    });
    group.bench_function("unknown route (404 envelope)", |b| {
        b.iter(|| {
            let req = TestRequest::get().uri("/api/v1/nope").to_request();
            black_box(runtime.block_on(call_service(&service, req)))
        });
    });
    group.finish();

    let verifier = gateway::Authenticator::new(
        &load(&ConfigSources::from_env([("JAVA_JWT_SECRET", testkit::JAVA_SECRET)])).expect("settings").settings.auth,
        false,
    );
    c.bench_function("verify Java token (HS256)", |b| b.iter(|| black_box(verifier.verify(black_box(&user)))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
