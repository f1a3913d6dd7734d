//! Every value stored in a table, as text: to show that a secret is stored in no column at all.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Every value of every row of `table`, cast to text, including columns an entity might not map.
pub async fn table_text(db: &DatabaseConnection, table: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let first = db
        .query_one_raw(Statement::from_string(backend, format!("SELECT * FROM {table}")))
        .await
        .expect("select")
        .expect("the table has a row");
    let columns = first.column_names();
    let casts: Vec<String> = columns.iter().map(|column| format!("CAST({column} AS TEXT)")).collect();
    let rows = db
        .query_all_raw(Statement::from_string(backend, format!("SELECT {} FROM {table}", casts.join(", "))))
        .await
        .expect("select as text");
    rows.iter()
        .flat_map(|row| {
            (0..columns.len()).filter_map(|i| row.try_get_by_index::<Option<String>>(i).expect("a text value"))
        })
        .collect()
}
