//! The code editor's page entry point (`code.html`, `#/task/<id>/code`), a binary of its
//! own so that the main page carries neither the editor's view nor its Run/Grade of source.

fn main() {
    replica_web::app::mount::<replica_web::pages::Code>();
}
