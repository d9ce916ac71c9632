//! Parts of the app whose code is fetched when the writer first needs them.
//!
//! Release builds are compiled with `--cfg recap_split`: there each function that
//! [`on_demand!`] declares is a split point for `wasm-split` (the `wasm_split_helpers`
//! crate), which moves the code only it reaches into a wasm file of its own, fetched
//! and instantiated at the first call (build/post-build.mjs runs the tool). Debug
//! builds and native tests compile the same bodies as plain async functions, so the
//! app behaves the same either way; only when the code arrives differs.
//!
//! A function whose code cannot be fetched (the network gone and no service worker
//! yet) answers [`OnDemandError`]; [`on_demand_view`] says so in a notice, and the next
//! call tries again.

use super::Doc;
use leptos::prelude::*;
use std::future::Future;

/// A part of the app whose code could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("its code could not be fetched (is the network down?); try again in a moment")]
pub struct OnDemandError;

#[cfg(recap_split)]
impl From<wasm_split_helpers::SplitLoaderError> for OnDemandError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        OnDemandError
    }
}

/// Declares a function whose code ships in the wasm file `module` (release builds),
/// fetched at the first call; functions naming the same module share its file.
///
/// - `in module; fn name(args) { view }` builds a view: it becomes
///   `async fn name(args) -> Result<AnyView, OnDemandError>`. Several may follow one
///   `in module;`.
/// - `in module; async fn name(args) -> T { body }` (the body may `.await`) becomes
///   `async fn name(args) -> Result<T, OnDemandError>`.
///
/// Arguments are owned values, as a split point's must be.
macro_rules! on_demand {
    (in $module:ident; $($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block)+) => {
        $(
            $(#[$doc])*
            #[cfg(recap_split)]
            #[wasm_split_helpers::wasm_split($module, fallible)]
            $vis fn $name($($arg: $ty),*) -> Result<leptos::prelude::AnyView, $crate::ui::on_demand::OnDemandError> {
                Ok($body)
            }
            $(#[$doc])*
            #[cfg(not(recap_split))]
            $vis async fn $name($($arg: $ty),*) -> Result<leptos::prelude::AnyView, $crate::ui::on_demand::OnDemandError> {
                Ok($body)
            }
        )+
    };
    (in $module:ident; $(#[$doc:meta])* $vis:vis async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(recap_split)]
        #[wasm_split_helpers::wasm_split(
            $module,
            fallible,
            return_wrapper(let future = _; { Ok(future?.await) } -> Result<$ret, $crate::ui::on_demand::OnDemandError>)
        )]
        $vis fn $name($($arg: $ty),*) -> Result<
            std::pin::Pin<Box<dyn std::future::Future<Output = $ret>>>,
            $crate::ui::on_demand::OnDemandError,
        > {
            Ok(Box::pin(async move $body))
        }
        $(#[$doc])*
        #[cfg(not(recap_split))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::on_demand::OnDemandError> {
            Ok(async move $body.await)
        }
    };
}
pub(crate) use on_demand;

/// Shows `part` while `wanted`, fetching its code the first time; once it is there
/// it stays, even while not wanted. If its code cannot be fetched, a notice says so,
/// `failed` runs (a dialog closes), and the next time `part` is wanted it is tried
/// again.
pub fn on_demand_when<F>(
    what: &'static str,
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    part: impl Fn() -> F + Send + Sync + 'static,
    failed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    F: Future<Output = Result<AnyView, OnDemandError>> + 'static,
{
    let arrived = RwSignal::new(false);
    view! {
        <Show when=move || arrived.get() || wanted()>
            {on_demand_view(what, part(), move || arrived.set(true), failed)}
        </Show>
    }
}

/// What `part` resolves to once its code is there (nothing before). `arrived` runs
/// when it is; if its code cannot be fetched, a notice names `what` and `failed` runs.
pub fn on_demand_view<F>(
    what: &'static str,
    part: F,
    arrived: impl FnOnce() + Send + Sync + 'static,
    failed: impl FnOnce() + Send + Sync + 'static,
) -> impl IntoView
where
    F: Future<Output = Result<AnyView, OnDemandError>> + 'static,
{
    // One body for every part, not a copy per part's type.
    part_view(what, Box::pin(part), Box::new(arrived), Box::new(failed))
}

type PartFuture = std::pin::Pin<Box<dyn Future<Output = Result<AnyView, OnDemandError>>>>;

fn part_view(
    what: &'static str,
    part: PartFuture,
    arrived: Box<dyn FnOnce() + Send + Sync>,
    failed: Box<dyn FnOnce() + Send + Sync>,
) -> AnyView {
    let doc = Doc::get();
    // The split loader's future is not Send; the app has one thread.
    let part = send_wrapper::SendWrapper::new(part);
    Suspend::new(async move {
        // Not in the task that builds the view: a part wanted at start (the drafts
        // list on a wide screen) is fetched and instantiated after the app's mount,
        // not within it (measured: the mount's task about 100 ms shorter), and after
        // the app's first frame (with the preview on a wide screen), which it delayed.
        send_wrapper::SendWrapper::new(super::browser::first_frame_painted()).await;
        match part.await {
            Ok(view) => {
                arrived();
                view
            }
            Err(e) => {
                doc.notify(true, format!("{what} could not be shown: {e}"));
                failed();
                ().into_any()
            }
        }
    })
    .into_any()
}

/// A dialog whose code is fetched the first time it opens (see [`on_demand_when`]);
/// if that fails, it stays closed, and opening it again tries again.
pub fn on_demand_dialog<F>(
    what: &'static str,
    open: RwSignal<bool>,
    part: fn(RwSignal<bool>) -> F,
) -> impl IntoView
where
    F: Future<Output = Result<AnyView, OnDemandError>> + 'static,
{
    on_demand_when(
        what,
        move || open.get(),
        move || part(open),
        move || open.set(false),
    )
}
