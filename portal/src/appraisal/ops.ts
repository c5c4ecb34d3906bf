// The API's appraisal operations the pages use.
import { graphql } from "../gql";

export const ScorecardFieldsFragmentDoc = graphql(`
  fragment ScorecardFields on Scorecard {
    period
    netSales
    quota
    costOfGoodsSold
    overdueAmount
    quotaCompletion
    distributionRate
    deliveryTimeMeanDays
    deliveryTimeP90Days
    averageInventory
    daysOfInventory
    paymentPeriodDays
    outOfStockRate
    grossMargin
    serviceResponseMedianHours
    satisfaction
    channelCostRatio
    marketShare
    explain {
      kpi
      numerator
      denominator
      value
    }
  }
`);

/** Today's business date: the default period is the one it falls in, not the browser's clock. */
export const BusinessTodayQuery = graphql(`
  query BusinessToday {
    settings {
      today
    }
  }
`);

export const ScorecardQuery = graphql(`
  query Scorecard($dealerID: ID, $channelID: ID, $territoryID: ID, $period: Period!) {
    scorecard(dealerID: $dealerID, channelID: $channelID, territoryID: $territoryID, period: $period) {
      dealer {
        id
        code
        name
      }
      channel {
        id
        code
        name
        nameZh
      }
      territory {
        id
        code
        name
        nameZh
      }
      ...ScorecardFields
    }
  }
`);

export const MyPerformanceQuery = graphql(`
  query MyPerformance($dealerID: ID!, $month: Period!, $year: Period!) {
    month: scorecard(dealerID: $dealerID, period: $month) {
      ...ScorecardFields
    }
    year: scorecard(dealerID: $dealerID, period: $year) {
      ...ScorecardFields
    }
  }
`);

export const TrendQuery = graphql(`
  query Trend($dealerID: ID, $channelID: ID, $territoryID: ID, $kpi: Kpi!, $from: Period!, $to: Period!) {
    trend(dealerID: $dealerID, channelID: $channelID, territoryID: $territoryID, kpi: $kpi, from: $from, to: $to) {
      period
      value
    }
  }
`);

/** What a staff member may appraise: the dealers, channels and territories they can see. */
export const SubjectsQuery = graphql(`
  query AppraisalSubjects {
    settings {
      today
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    channels(first: 50) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
  }
`);

export const ChannelComparisonQuery = graphql(`
  query ChannelComparison($period: Period!) {
    channelComparison(period: $period) {
      channel {
        id
        code
        name
        nameZh
      }
      scorecard {
        ...ScorecardFields
      }
      ranks {
        kpi
        rank
      }
    }
  }
`);

export const ScorecardsCSVQuery = graphql(`
  query ScorecardsCSV($channelID: ID!, $period: Period!) {
    scorecardsCSV(channelID: $channelID, period: $period)
  }
`);

export const ChannelComparisonCSVQuery = graphql(`
  query ChannelComparisonCSV($period: Period!) {
    channelComparisonCSV(period: $period)
  }
`);
