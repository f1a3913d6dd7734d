//! The signed-in officer's own record, which the home and profile pages show: for every officer, whatever they
//! administer (so not through [`crate::host::actor`], which refuses an officer without an administration scope).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::app_error::AppError;
use crate::request_context::OfficerView;

/// The signed-in officer with their unit chain and their department's central officers.
#[server(prefix = "/api", endpoint = "officer", input = GetUrl)]
pub async fn officer_record() -> Result<OfficerView, AppError> {
    on_server::record().await
}

#[cfg(feature = "ssr")]
mod on_server {
    use crate::app_error::AppError;
    use crate::host::views::officer_view;
    use crate::host::{backend, current_session, internal, request};
    use crate::request_context::{OfficerView, RequestContext, Visitor};

    pub async fn record() -> Result<OfficerView, AppError> {
        let parts = request()?;
        let current = current_session(&parts)?;
        let officer = current.officer.as_ref().ok_or(AppError::ActivationNeeded)?;
        // The session layer built this officer's view for this very request (the header shows it): the page uses
        // it rather than reading the same rows again — half a signed-in page's database round trips (issue 23).
        if let Some(RequestContext { visitor: Visitor::Officer(view), .. }) = parts.extensions.get::<RequestContext>() {
            return Ok(view.clone());
        }
        officer_view(&backend()?.db, officer, &current.session.row.csrf_token)
            .await
            .map_err(|error| internal("officer record failed", &error))
    }
}
