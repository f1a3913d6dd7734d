//! How many officers the database holds: to show what a refused import or a refused activation token leaves behind.

use domain::entities::officer;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// The number of officers stored.
pub async fn officer_count(db: &DatabaseConnection) -> u64 {
    officer::Entity::find().count(db).await.expect("count officers")
}
