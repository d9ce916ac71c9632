fn main() {
    // The wasm is compiled and instantiated: everything before is download and compile.
    recap::ui::browser::mark("recap:main");
    console_error_panic_hook::set_once();
    // The page is built in a task of its own, not in the one that instantiated the
    // wasm: two shorter tasks instead of one long one (the writer types in the early
    // editor meanwhile; Lighthouse counts long tasks as blocking time).
    leptos::prelude::set_timeout(
        || {
            leptos::mount::mount_to_body(recap::ui::App);
            recap::ui::browser::mark("recap:mounted");
        },
        std::time::Duration::ZERO,
    );
}
