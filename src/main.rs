fn main() {
    // The wasm is compiled and instantiated: everything before is download and compile.
    recap::ui::browser::mark("recap:main");
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(recap::ui::App);
    recap::ui::browser::mark("recap:mounted");
}
