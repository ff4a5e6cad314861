//! Reports over the counters otodoke keeps ([`otodoke_core::metrics`]): per JST
//! day, friends gained and lost, messages and what answered them, for a range of
//! days, one store or channel or all the caller may see; and the stores compared
//! over whole months. As JSON for the console's charts and as CSV for Japanese
//! Excel.
//!
//! Both read roll-ups the counters keep as they count (the organization's and
//! each channel's day, each store's month), so a year is a few hundred small
//! rows, whatever the number of stores.

use super::access;
use super::conversations::spreadsheet_safe;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiff::civil::Date;
use otodoke_core::metrics::{
    compare_stores, every_day, months_between, parse_month, sum, Counter, Counts, Day, DayCounts,
    MetricsFilter, ResponseTimes, Slice, MAX_REPORT_DAYS, MAX_REPORT_MONTHS,
};
use otodoke_core::quota::QuotaMonth;
use otodoke_core::{ChannelId, StoreId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The days (JST, inclusive) and the counts a daily report covers.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day (`2026-01-01`).
    #[param(value_type = String, format = Date)]
    pub from: Date,
    /// Last day, inclusive (`2026-12-31`); at most 400 days after `from`.
    #[param(value_type = String, format = Date)]
    pub to: Date,
    /// Only this store's counts (a store in the caller's scope).
    pub store: Option<String>,
    /// Only this channel's counts (a channel the caller may see).
    pub channel: Option<String>,
}

/// The whole JST months (inclusive) a store comparison covers.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StoresQuery {
    /// First month (`2026-01`).
    #[param(example = "2026-01", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub from_month: String,
    /// Last month, inclusive (`2026-12`); at most 13 months from `from_month`.
    #[param(example = "2026-12", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub to_month: String,
    /// Only this channel's counts (a channel the caller may see).
    pub channel: Option<String>,
}

/// Counts with the friends gained (follows + unblocks − blocks).
#[derive(Debug, Serialize, ToSchema)]
pub struct Totals {
    pub counts: Counts,
    /// follows + unblocks − blocks (negative when more friends left than came).
    pub net_friends: i64,
}

impl From<Counts> for Totals {
    fn from(counts: Counts) -> Self {
        Self {
            net_friends: counts.net_friends(),
            counts,
        }
    }
}

/// One day's totals.
#[derive(Debug, Serialize, ToSchema)]
pub struct DayTotals {
    pub day: Day,
    #[serde(flatten)]
    pub totals: Totals,
}

/// A daily report.
#[derive(Debug, Serialize, ToSchema)]
pub struct DailyReport {
    pub from: Day,
    pub to: Day,
    /// Every day of the range, oldest first (days with nothing counted are zeros).
    pub days: Vec<DayTotals>,
    /// The whole range.
    pub total: Totals,
    /// How fast staff answered the waits that began in the range (business hours;
    /// the median and 90th percentile as the buckets they fall in).
    pub response_times: ResponseTimes,
}

/// One month's totals of a store.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthTotals {
    /// The JST month, `YYYY-MM`.
    #[schema(example = "2026-01")]
    pub month: String,
    #[serde(flatten)]
    pub totals: Totals,
}

/// One store's totals (`store` absent: friends of no store), over the months and
/// per month (every month of the range, oldest first; zeros where nothing was
/// counted).
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreComparison {
    pub store: Option<StoreId>,
    pub total: Totals,
    pub months: Vec<MonthTotals>,
}

/// The stores compared over whole months.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoresReport {
    /// `YYYY-MM`.
    pub from_month: String,
    /// `YYYY-MM`, inclusive.
    pub to_month: String,
    /// Each store with counts in the months (friends of no store first, then by
    /// store id).
    pub stores: Vec<StoreComparison>,
    /// Every store listed, added together.
    pub total: Totals,
}

/// The channel the caller filters on, if any: one they may see (404 otherwise).
async fn channel_filter(
    state: &AppState,
    caller: &Caller,
    channel: Option<&str>,
) -> ApiResult<Option<ChannelId>> {
    match channel {
        Some(id) => Ok(Some(access::channel(state, caller, id).await?.0.id)),
        None => Ok(None),
    }
}

/// Every day of the range the caller asked for, with the counts they may see,
/// the range checked.
async fn series(
    state: &AppState,
    caller: &Caller,
    query: &ReportQuery,
) -> ApiResult<(Day, Day, Vec<DayCounts>)> {
    let (from, to) = (Day::new(query.from), Day::new(query.to));
    if to < from {
        return Err(ApiError::invalid("to", "must not be before from"));
    }
    if to.days_since(from) > MAX_REPORT_DAYS {
        return Err(ApiError::invalid(
            "to",
            format!("a report covers at most {MAX_REPORT_DAYS} days"),
        ));
    }
    let channel = channel_filter(state, caller, query.channel.as_deref()).await?;
    let slice = match &query.store {
        Some(id) => Slice::Stores {
            stores: vec![access::store(state, caller, id).await?.0.id],
            channel,
        },
        None => {
            let (stores, scope) = access::scope(state, caller).await?;
            if scope.is_all() {
                channel.map_or(Slice::All, Slice::Channel)
            } else {
                // A store-restricted caller: its stores' rows, never those of no
                // store, nor a roll-up that holds other stores' counts.
                Slice::Stores {
                    stores: stores
                        .into_iter()
                        .map(|s| s.id)
                        .filter(|id| scope.contains(id))
                        .collect(),
                    channel,
                }
            }
        }
    };
    let counted = state
        .ports
        .metrics
        .series(&caller.org, from, to, &slice)
        .await?;
    Ok((from, to, every_day(from, to, &counted)))
}

/// Friends, messages and answers per JST day (viewer). A store-restricted caller
/// sees its stores' counts only.
///
/// Cost: the whole organization or one channel: one item per day, read by key
/// (BatchGetItem, 100 a call: a year is 4 calls); one store, or a
/// store-restricted caller: one Query per store in scope and year. At most 400
/// days.
#[utoipa::path(get, path = "/admin/reports/daily", tag = "reports",
    params(ReportQuery),
    responses((status = 200, body = DailyReport), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn daily(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> ApiResult<Json<DailyReport>> {
    let (from, to, days) = series(&state, &caller, &query).await?;
    let total = sum(days.iter().map(|d| &d.counts));
    Ok(Json(DailyReport {
        from,
        to,
        days: days
            .into_iter()
            .map(|d| DayTotals {
                day: d.day,
                totals: d.counts.into(),
            })
            .collect(),
        response_times: total.response_times(),
        total: total.into(),
    }))
}

/// The months asked for, checked: `YYYY-MM`, not backwards, at most 13.
fn months(query: &StoresQuery) -> ApiResult<(QuotaMonth, QuotaMonth)> {
    let from = parse_month(&query.from_month)
        .map_err(|e| ApiError::invalid("from_month", e.to_string()))?;
    let to =
        parse_month(&query.to_month).map_err(|e| ApiError::invalid("to_month", e.to_string()))?;
    if to < from {
        return Err(ApiError::invalid(
            "to_month",
            "must not be before from_month",
        ));
    }
    if months_between(from, to).len() > MAX_REPORT_MONTHS {
        return Err(ApiError::invalid(
            "to_month",
            format!("a comparison covers at most {MAX_REPORT_MONTHS} months"),
        ));
    }
    Ok((from, to))
}

/// The stores compared, as the caller may see them.
async fn comparison(
    state: &AppState,
    caller: &Caller,
    query: &StoresQuery,
) -> ApiResult<StoresReport> {
    let (from, to) = months(query)?;
    let channel = channel_filter(state, caller, query.channel.as_deref()).await?;
    let (_, scope) = access::scope(state, caller).await?;
    let filter = MetricsFilter {
        channel,
        store: None,
    };
    let rows = state
        .ports
        .metrics
        .store_months(&caller.org, from, to, &filter)
        .await?;
    // A store-restricted caller sees its stores' lines only (not that of no store).
    let lines = compare_stores(from, to, &rows, |store| scope.sees(store));
    let total = sum(lines.iter().map(|l| &l.total));
    Ok(StoresReport {
        from_month: from.to_string(),
        to_month: to.to_string(),
        stores: lines
            .into_iter()
            .map(|line| StoreComparison {
                store: line.store,
                total: line.total.into(),
                months: line
                    .months
                    .into_iter()
                    .map(|(month, counts)| MonthTotals {
                        month: month.to_string(),
                        totals: counts.into(),
                    })
                    .collect(),
            })
            .collect(),
        total: total.into(),
    })
}

/// The stores compared over whole JST months (viewer): per store, the totals
/// over the months and per month. A store-restricted caller sees its stores only.
///
/// Cost: one Query per calendar year of the months, one item per month, store and
/// channel (a year of 50 stores with a channel each: 600 items). At most 13 months.
#[utoipa::path(get, path = "/admin/reports/stores", tag = "reports",
    params(StoresQuery),
    responses((status = 200, body = StoresReport), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn store_comparison(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<StoresQuery>,
) -> ApiResult<Json<StoresReport>> {
    Ok(Json(comparison(&state, &caller, &query).await?))
}

/// The CSV column of each counter, for Japanese Excel.
fn label(counter: Counter) -> &'static str {
    match counter {
        Counter::Follows => "友だち追加",
        Counter::Unblocks => "ブロック解除",
        Counter::Blocks => "ブロック",
        Counter::Inbound => "受信メッセージ",
        Counter::AnswerRule => "応答:キーワード",
        Counter::AnswerIntent => "応答:FAQ",
        Counter::AnswerBuiltin => "応答:標準FAQ",
        Counter::AnswerAfterHours => "応答:営業時間外",
        Counter::AnswerGreeting => "応答:あいさつ",
        Counter::AnswerFallback => "応答:代替",
        Counter::AnswerStaff => "応答:スタッフ",
        Counter::AnswerAutomation => "応答:自動化",
        Counter::AnswerNone => "未応答",
        Counter::DeclinedIntents => "FAQ辞退",
        Counter::AutomationRuns => "自動化の実行",
        Counter::StaffWaits => "スタッフ対応待ち",
        Counter::StaffFirstReplies => "スタッフ初回返信",
        Counter::StaffWaitsClosed => "返信なしで完了",
        Counter::StaffWaitOpenSeconds => "初回返信までの営業時間(秒)",
        Counter::FirstReplyIn1m => "初回返信:1分以内",
        Counter::FirstReplyIn5m => "初回返信:5分以内",
        Counter::FirstReplyIn15m => "初回返信:15分以内",
        Counter::FirstReplyIn30m => "初回返信:30分以内",
        Counter::FirstReplyIn1h => "初回返信:1時間以内",
        Counter::FirstReplyIn2h => "初回返信:2時間以内",
        Counter::FirstReplyIn4h => "初回返信:4時間以内",
        Counter::FirstReplyIn8h => "初回返信:8時間以内",
        Counter::FirstReplyIn24h => "初回返信:24時間以内",
        Counter::FirstReplyOver24h => "初回返信:24時間超",
    }
}

/// A CSV file for Japanese Excel under the conversation export's rules: UTF-8
/// with a byte-order mark, CRLF line ends, every field quoted, cells that Excel
/// would evaluate made text. Each record is `lead` cells, then 純増 and each
/// counter of its counts.
fn csv_file(
    filename: &str,
    lead: &[&str],
    records: impl IntoIterator<Item = (Vec<String>, Counts)>,
) -> ApiResult<Response> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = lead.to_vec();
    header.push("純増");
    header.extend(Counter::ALL.iter().map(|&c| label(c)));
    out.write_record(&header).map_err(ApiError::internal)?;
    for (mut record, counts) in records {
        record.push(counts.net_friends().to_string());
        record.extend(Counter::ALL.iter().map(|&c| counts.get(c).to_string()));
        out.write_record(
            record
                .iter()
                .map(|cell| spreadsheet_safe(cell).into_owned()),
        )
        .map_err(ApiError::internal)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| ApiError::internal(e.into_error()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// The daily report as CSV (viewer): one row per day of the range, oldest first
/// (日付, 純増, then each counter), in the CSV export's form ([`csv_file`]).
///
/// Cost: as the JSON report.
#[utoipa::path(get, path = "/admin/reports/daily.csv", tag = "reports",
    params(ReportQuery),
    responses((status = 200, content_type = "text/csv; charset=utf-8", body = String),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn daily_csv(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    let (from, to, days) = series(&state, &caller, &query).await?;
    csv_file(
        &format!("daily-report-{from}-{to}.csv"),
        &["日付"],
        days.into_iter()
            .map(|d| (vec![d.day.to_string()], d.counts)),
    )
}

/// The store comparison as CSV (viewer): one row per store and month (店舗 —
/// empty for friends of no store —, 月, 純増, then each counter), stores in the
/// JSON report's order, months oldest first, in the CSV export's form
/// ([`csv_file`]).
///
/// Cost: as the JSON report.
#[utoipa::path(get, path = "/admin/reports/stores.csv", tag = "reports",
    params(StoresQuery),
    responses((status = 200, content_type = "text/csv; charset=utf-8", body = String),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn store_comparison_csv(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<StoresQuery>,
) -> ApiResult<Response> {
    let report = comparison(&state, &caller, &query).await?;
    let records = report.stores.into_iter().flat_map(|line| {
        let store = line.store.map(String::from).unwrap_or_default();
        line.months
            .into_iter()
            .map(move |m| (vec![store.clone(), m.month], m.totals.counts))
    });
    csv_file(
        &format!(
            "stores-report-{}-{}.csv",
            report.from_month, report.to_month
        ),
        &["店舗", "月"],
        records,
    )
}
