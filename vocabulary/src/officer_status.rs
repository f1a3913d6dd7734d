//! Whether an officer may sign in.

use serde::{Deserialize, Serialize};

#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// Whether an officer may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
#[serde(rename_all = "snake_case")]
pub enum OfficerStatus {
    /// May sign in.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "active"))]
    Active,
    /// May not sign in; their sessions were ended.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "suspended"))]
    Suspended,
}
