//! The main page's entry point (`index.html`): the catalogue, task pages and shared
//! reports. Study and compare links load their own pages (`replica_web::pages`).

fn main() {
    replica_web::app::mount::<replica_web::pages::Main>();
}
