//! The page's entry point: mounts the Yew app on `<body>`.

fn main() {
    yew::Renderer::<replica_web::app::App>::new().render();
}
