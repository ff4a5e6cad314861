//! Reports over the counters otodoke keeps ([`otodoke_core::metrics`]): per JST
//! day, friends gained and lost, messages and what answered them, for a range of
//! days, one store or channel or all the caller may see; as JSON for the console's
//! charts and as CSV for Japanese Excel.

use super::access;
use super::conversations::spreadsheet_safe;
use crate::auth::{Caller, Scope};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiff::civil::Date;
use otodoke_core::metrics::{
    by_day, by_store, total, Counter, Counts, DailyCounts, Day, MetricsFilter, ResponseTimes,
    MAX_REPORT_DAYS,
};
use otodoke_core::StoreId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The days (JST, inclusive) and the rows a report covers.
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

/// One store's totals over the range (`store` absent: friends of no store).
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreTotals {
    pub store: Option<StoreId>,
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
    /// Each store with counts in the range, over the whole range.
    pub stores: Vec<StoreTotals>,
    /// The whole range.
    pub total: Totals,
    /// How fast staff answered the waits that began in the range (business hours;
    /// median and 90th percentile estimated within their buckets).
    pub response_times: ResponseTimes,
}

/// The rows the caller asked for and may see, and the range, checked.
async fn rows(
    state: &AppState,
    caller: &Caller,
    query: &ReportQuery,
) -> ApiResult<(Day, Day, Vec<DailyCounts>)> {
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
    let mut filter = MetricsFilter::default();
    let scope: Scope = match &query.store {
        Some(id) => {
            let (store, scope) = access::store(state, caller, id).await?;
            filter.store = Some(store.id);
            scope
        }
        None => access::scope(state, caller).await?.1,
    };
    if let Some(id) = &query.channel {
        filter.channel = Some(access::channel(state, caller, id).await?.0.id);
    }
    let rows = state
        .ports
        .metrics
        .daily(&caller.org, from, to, &filter)
        .await?
        .into_iter()
        // A store-restricted caller sees its stores' rows only (not those of no store).
        .filter(|row| scope.sees(row.store.as_ref()))
        .collect();
    Ok((from, to, rows))
}

/// Friends, messages and answers per JST day (viewer). A store-restricted caller
/// sees its stores' counts only.
///
/// Cost: one read per month of the range (a year: twelve Queries), then sums in
/// memory; at most 400 days.
#[utoipa::path(get, path = "/admin/reports/daily", tag = "reports",
    params(ReportQuery),
    responses((status = 200, body = DailyReport), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn daily(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> ApiResult<Json<DailyReport>> {
    let (from, to, rows) = rows(&state, &caller, &query).await?;
    let per_day = by_day(&rows);
    let mut days = Vec::new();
    let mut day = from;
    while day <= to {
        let counts = per_day.get(&day).copied().unwrap_or_default();
        days.push(DayTotals {
            day,
            totals: counts.into(),
        });
        if day.next() == day {
            break;
        }
        day = day.next();
    }
    let stores = by_store(&rows)
        .into_iter()
        .map(|(store, counts)| StoreTotals {
            store,
            totals: counts.into(),
        })
        .collect();
    let sum = total(&rows);
    Ok(Json(DailyReport {
        from,
        to,
        days,
        stores,
        response_times: sum.response_times(),
        total: sum.into(),
    }))
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

/// The daily report as CSV (viewer): one row per day and store with counts (日付,
/// 店舗 — empty for friends of no store —, 純増, then each counter), oldest first,
/// under the conversation export's rules: UTF-8 with a byte-order mark, CRLF line
/// ends, every field quoted, cells that Excel would evaluate made text.
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
    let (from, to, rows) = rows(&state, &caller, &query).await?;
    let per_day_store = otodoke_core::metrics::sum_by(&rows, |r| (r.day, r.store.clone()));
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec!["日付", "店舗", "純増"];
    header.extend(Counter::ALL.iter().map(|&c| label(c)));
    out.write_record(&header).map_err(ApiError::internal)?;
    for ((day, store), counts) in per_day_store {
        let mut record = vec![
            day.to_string(),
            store.map(String::from).unwrap_or_default(),
            counts.net_friends().to_string(),
        ];
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
    let filename = format!("daily-report-{from}-{to}.csv");
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
