//! Scenario-file values checked while the file is parsed, so that a bad one is
//! reported with its line like a wrong type is (the parser knows where each
//! value is; [`crate::Scenario::validate`] no longer does). The messages never
//! quote the value: a file's values include secrets.

use serde::de::{Deserialize, Deserializer, Error};

use crate::{ENGINES, Rule};

pub(crate) fn engines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let engines = Vec::<String>::deserialize(d)?;
    match engines.iter().all(|e| ENGINES.contains(&e.as_str())) {
        true => Ok(engines),
        false => Err(D::Error::custom(crate::Invalid::ENGINE)),
    }
}

pub(crate) fn mac<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(mac) => biometrid_protocol::parse_mac(&mac)
            .map(Some)
            .map_err(|why| D::Error::custom(format!("mac: {why}"))),
        None => Ok(None),
    }
}

pub(crate) fn status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    match Option::<u16>::deserialize(d)? {
        Some(s) if !crate::STATUSES.contains(&s) => Err(D::Error::custom(crate::Invalid::STATUS)),
        s => Ok(s),
    }
}

pub(crate) fn failure_rate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(d)? {
        Some(r) if !(0.0..=1.0).contains(&r) => Err(D::Error::custom(crate::Invalid::RATE)),
        r => Ok(r),
    }
}

/// One `[[rule]]`, refused if it says nothing to do.
struct Checked(Rule);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
        let rule = Rule::deserialize(d)?;
        match rule.says_nothing() {
            true => Err(D::Error::custom(crate::Invalid::IDLE_RULE)),
            false => Ok(Checked(rule)),
        }
    }
}

pub(crate) fn rules<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Rule>, D::Error> {
    let rules = Vec::<Checked>::deserialize(d)?;
    Ok(rules.into_iter().map(|c| c.0).collect())
}
