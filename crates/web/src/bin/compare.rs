//! The compare page's entry point (`compare.html`, `#/compare?src=…`), a binary of its own
//! so that the main page does not carry `replica-compare` and the charts.

fn main() {
    replica_web::app::mount::<replica_web::pages::Compare>();
}
