//! The study page's entry point (`study.html`, `#/study/<id>?participant=<p>`), a binary
//! of its own so that the main page does not carry study mode.

fn main() {
    replica_web::app::mount::<replica_web::pages::Study>();
}
