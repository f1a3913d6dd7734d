//! Who may administer what: an officer's scope (the whole system for DGA Contact Center staff, its department's
//! subtree for a central officer, nothing for anyone else) and the roles they may give. Every administration
//! action and listing asks here, from the acting officer's row — never from anything a form sent.

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use crate::entities::officer::{self, OfficerStatus, Role};
use crate::entities::organisation_unit;

/// The units an officer administers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// DGA Contact Center staff: every unit.
    Everything,
    /// A central officer: its department and every unit below it.
    Department(i32),
}

impl Scope {
    /// The scope of `officer`; `None` for agency and service-point officers (and anyone suspended).
    pub fn of(officer: &officer::Model) -> Option<Self> {
        if officer.status != OfficerStatus::Active {
            return None;
        }
        match officer.role {
            Role::ContactCenter => Some(Self::Everything),
            Role::Central => Some(Self::Department(officer.unit_id)),
            Role::Agency | Role::ServicePoint => None,
        }
    }

    /// The roles of the Tokens this scope issues, and of the officers it manages: Contact Center staff look after
    /// central officers (and may also correct any officer below them); a central officer, after its agency and
    /// service-point officers.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Self::Everything => &[Role::Central, Role::Agency, Role::ServicePoint],
            Self::Department(_) => &[Role::Agency, Role::ServicePoint],
        }
    }

    /// The roles this scope issues Tokens for (the specification's hierarchy: the DGA Contact Center gives central
    /// officers theirs; central officers give agency and service-point officers theirs).
    pub fn issuable_roles(&self) -> &'static [Role] {
        match self {
            Self::Everything => &[Role::Central],
            Self::Department(_) => &[Role::Agency, Role::ServicePoint],
        }
    }

    /// Whether this scope may manage officers (and see Tokens) of `role`.
    pub fn covers_role(&self, role: Role) -> bool {
        self.roles().contains(&role)
    }
}

/// Every unit, in tree order (each unit followed by its children, by code), with its depth and its parents' chain.
#[derive(Clone, Debug)]
pub struct Tree {
    /// Units in tree order with their depth (ministry 0).
    pub units: Vec<(organisation_unit::Model, u8)>,
    by_id: HashMap<i32, usize>,
}

impl Tree {
    /// Reads the whole tree (a few thousand rows at most).
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let all = organisation_unit::Entity::find().order_by_asc(organisation_unit::Column::Code).all(db).await?;
        let mut children: HashMap<Option<i32>, Vec<organisation_unit::Model>> = HashMap::new();
        for unit in all {
            children.entry(unit.parent_id).or_default().push(unit);
        }
        let mut units = Vec::new();
        let mut stack: Vec<(organisation_unit::Model, u8)> =
            children.remove(&None).unwrap_or_default().into_iter().rev().map(|unit| (unit, 0)).collect();
        while let Some((unit, depth)) = stack.pop() {
            if let Some(kids) = children.remove(&Some(unit.id)) {
                stack.extend(kids.into_iter().rev().map(|kid| (kid, depth.saturating_add(1))));
            }
            units.push((unit, depth));
        }
        let by_id = units.iter().enumerate().map(|(index, (unit, _))| (unit.id, index)).collect();
        Ok(Self { units, by_id })
    }

    /// The unit with `id`.
    pub fn get(&self, id: i32) -> Option<&organisation_unit::Model> {
        self.by_id.get(&id).map(|index| &self.units[*index].0)
    }

    /// The unit with `code` (codes are stored in capitals).
    pub fn by_code(&self, code: &str) -> Option<&organisation_unit::Model> {
        let code = code.trim().to_ascii_uppercase();
        self.units.iter().map(|(unit, _)| unit).find(|unit| unit.code == code)
    }

    /// The parents of `id`, ministry first (not the unit itself).
    pub fn parents(&self, id: i32) -> Vec<&organisation_unit::Model> {
        let mut parents = Vec::new();
        let mut next = self.get(id).and_then(|unit| unit.parent_id);
        while let Some(parent) = next.and_then(|id| self.get(id)).filter(|_| parents.len() < 8) {
            next = parent.parent_id;
            parents.push(parent);
        }
        parents.reverse();
        parents
    }

    /// `root` and every unit below it.
    pub fn subtree(&self, root: i32) -> HashSet<i32> {
        let mut inside = HashSet::from([root]);
        // Tree order puts every descendant after its parent, so one pass suffices.
        for (unit, _) in &self.units {
            if unit.parent_id.is_some_and(|parent| inside.contains(&parent)) {
                inside.insert(unit.id);
            }
        }
        inside
    }

    /// The units of `scope`, in tree order.
    pub fn in_scope<'a>(&'a self, scope: &Scope) -> Vec<&'a (organisation_unit::Model, u8)> {
        match scope {
            Scope::Everything => self.units.iter().collect(),
            Scope::Department(root) => {
                let inside = self.subtree(*root);
                self.units.iter().filter(|(unit, _)| inside.contains(&unit.id)).collect()
            }
        }
    }

    /// The ids of the units of `scope`; `None` for everything.
    pub fn scope_ids(&self, scope: &Scope) -> Option<HashSet<i32>> {
        match scope {
            Scope::Everything => None,
            Scope::Department(root) => Some(self.subtree(*root)),
        }
    }

    /// Whether unit `id` is in `scope`.
    pub fn contains(&self, scope: &Scope, id: i32) -> bool {
        match scope {
            Scope::Everything => self.get(id).is_some(),
            Scope::Department(root) => self.subtree(*root).contains(&id),
        }
    }
}
