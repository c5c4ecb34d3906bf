import{o as e}from"./usePageTitle-CUEgSYxO.js";import{r as t}from"./format-B5R3HS_1.js";e(`
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
`);var n=e(`
  query BusinessToday {
    settings {
      today
    }
  }
`),r=e(`
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
`),i=e(`
  query MyPerformance($dealerID: ID!, $month: Period!, $year: Period!) {
    month: scorecard(dealerID: $dealerID, period: $month) {
      ...ScorecardFields
    }
    year: scorecard(dealerID: $dealerID, period: $year) {
      ...ScorecardFields
    }
  }
`),a=e(`
  query Trend($dealerID: ID, $channelID: ID, $territoryID: ID, $kpi: Kpi!, $from: Period!, $to: Period!) {
    trend(dealerID: $dealerID, channelID: $channelID, territoryID: $territoryID, kpi: $kpi, from: $from, to: $to) {
      period
      value
    }
  }
`),o=e(`
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
`),s=e(`
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
`),c=e(`
  query ScorecardsCSV($channelID: ID!, $period: Period!) {
    scorecardsCSV(channelID: $channelID, period: $period)
  }
`),l=e(`
  query ChannelComparisonCSV($period: Period!) {
    channelComparisonCSV(period: $period)
  }
`),u=[`NET_SALES`,`QUOTA`,`COST_OF_GOODS_SOLD`,`OVERDUE_AMOUNT`,`QUOTA_COMPLETION`,`DISTRIBUTION_RATE`,`DELIVERY_TIME_MEAN_DAYS`,`DELIVERY_TIME_P90_DAYS`,`AVERAGE_INVENTORY`,`DAYS_OF_INVENTORY`,`PAYMENT_PERIOD_DAYS`,`OUT_OF_STOCK_RATE`,`GROSS_MARGIN`,`SERVICE_RESPONSE_MEDIAN_HOURS`,`SATISFACTION`,`CHANNEL_COST_RATIO`,`MARKET_SHARE`];function d(e){return e===`territory`?u:u.filter(e=>e!==`MARKET_SHARE`)}var f={NET_SALES:`money`,QUOTA:`money`,COST_OF_GOODS_SOLD:`money`,OVERDUE_AMOUNT:`money`,QUOTA_COMPLETION:`ratio`,DISTRIBUTION_RATE:`ratio`,DELIVERY_TIME_MEAN_DAYS:`days`,DELIVERY_TIME_P90_DAYS:`days`,AVERAGE_INVENTORY:`currency`,DAYS_OF_INVENTORY:`days`,PAYMENT_PERIOD_DAYS:`days`,OUT_OF_STOCK_RATE:`ratio`,GROSS_MARGIN:`ratio`,SERVICE_RESPONSE_MEDIAN_HOURS:`hours`,SATISFACTION:`score`,CHANNEL_COST_RATIO:`ratio`,MARKET_SHARE:`ratio`},p=e=>f[e]===`money`,m=e=>f[e]===`ratio`;function h(e){return e.toLowerCase().replace(/_([a-z0-9])/g,(e,t)=>t.toUpperCase())}function g(e,t,n){switch(f[e]){case`ratio`:return new Intl.NumberFormat(n,{style:`percent`,maximumFractionDigits:1}).format(t);case`days`:case`hours`:return new Intl.NumberFormat(n,{maximumFractionDigits:1}).format(t);case`score`:return new Intl.NumberFormat(n,{maximumFractionDigits:2}).format(t);default:return new Intl.NumberFormat(n,{minimumFractionDigits:2,maximumFractionDigits:2}).format(t)}}var _=new Set([`QUOTA_COMPLETION`,`GROSS_MARGIN`,`CHANNEL_COST_RATIO`,`AVERAGE_INVENTORY`,`DAYS_OF_INVENTORY`]),v=new Set([`QUOTA_COMPLETION`,`GROSS_MARGIN`,`CHANNEL_COST_RATIO`,`DAYS_OF_INVENTORY`]);function y(e,t,n,r){let i=t===`numerator`?_:v;return f[e]===`money`||i.has(e)?new Intl.NumberFormat(r,{minimumFractionDigits:2,maximumFractionDigits:2}).format(n):new Intl.NumberFormat(r,{maximumFractionDigits:2}).format(n)}var b=e=>e!=null&&Number.isFinite(e);function x(e){let t=!b(e.denominator)||e.denominator===0;switch(e.kpi){case`QUOTA_COMPLETION`:return`noQuota`;case`DISTRIBUTION_RATE`:return b(e.denominator)&&e.denominator===0?`noOutlets`:`noSurvey`;case`DELIVERY_TIME_MEAN_DAYS`:case`DELIVERY_TIME_P90_DAYS`:return`noDelivery`;case`AVERAGE_INVENTORY`:case`OUT_OF_STOCK_RATE`:return`noReports`;case`DAYS_OF_INVENTORY`:return b(e.numerator)?`noCost`:`noReports`;case`PAYMENT_PERIOD_DAYS`:return`noPaidInvoice`;case`GROSS_MARGIN`:return`noSales`;case`SERVICE_RESPONSE_MEDIAN_HOURS`:return`noAnswer`;case`SATISFACTION`:return`noScores`;case`CHANNEL_COST_RATIO`:return!b(e.numerator)&&!b(e.denominator)?`costsHidden`:b(e.numerator)&&t?`noSales`:`noCosts`;case`MARKET_SHARE`:return`noShare`;default:return`none`}}function S(e){return f[e]===`money`?`amount`:e===`DELIVERY_TIME_P90_DAYS`||e===`SERVICE_RESPONSE_MEDIAN_HOURS`?`pick`:`ratio`}function C(e,t){let n=t.slice(0,4),r=Number(t.slice(5,7));return e===`YEAR`?n:e===`QUARTER`?`${n}-Q${Math.floor((r-1)/3)+1}`:`${n}-${String(r).padStart(2,`0`)}`}function w(e){return/^\d{4}$/.test(e)?`YEAR`:/^\d{4}-Q[1-4]$/.test(e)?`QUARTER`:/^\d{4}-(0[1-9]|1[0-2])$/.test(e)?`MONTH`:null}function T(e,t,n){return e===`YEAR`?String(t):e===`QUARTER`?`${t}-Q${n}`:`${t}-${String(n).padStart(2,`0`)}`}function E(e){let t=w(e);if(!t)return null;let n=Number(e.slice(0,4));return t===`YEAR`?{kind:t,year:n,n:1}:t===`QUARTER`?{kind:t,year:n,n:Number(e.slice(6))}:{kind:t,year:n,n:Number(e.slice(5))}}function D(e,t){let n=E(e);if(!n||t<1)return{from:``,to:``};let r=n.kind===`MONTH`?12:n.kind===`QUARTER`?4:1,i=n.year*r+(n.n-1)-(t-1);return{from:T(n.kind,Math.floor(i/r),i%r+1),to:e}}function O(e){let t=e.startsWith(`﻿`)?e:`﻿`+e;return new Blob([new TextEncoder().encode(t)],{type:`text/csv;charset=utf-8`})}function k(e,t){let n=URL.createObjectURL(O(e)),r=document.createElement(`a`);r.href=n,r.download=t,document.body.appendChild(r),r.click(),r.remove(),URL.revokeObjectURL(n)}function A(e){return e.replace(/[^A-Za-z0-9-]+/g,`-`).replace(/^-+|-+$/g,``)||`all`}function j(e){let t=e.filter(b);if(t.length<2)return e.map(()=>null);let n=Math.max(...t),r=Math.min(...t);return r===n?e.map(()=>null):e.map(e=>e===r?`best`:e===n?`worst`:null)}var M={MONTH:12,QUARTER:8,YEAR:5};function N(e){let t=w(e);return t?D(e,M[t]):{from:``,to:``}}var P=e=>e===`zh`?`zh-CN`:`en`;function F(e,n,r){let i=e[h(n)];return i==null?null:p(n)?t(String(i),r):g(n,Number(i),r)}function I(e,t){return e.explain.find(e=>e.kpi===t)??{kpi:t}}function L(e,t,n,r){let i=I(t,n),a=F(t,n,r);if(a===null)return e(`appraisal.noData.${x(i)}`);let o=i.numerator??null,s=i.denominator??null;return S(n)===`amount`?e(`appraisal.formula.${n}`,{value:a}):o===null||s===null?e(`appraisal.formulaPooled`,{kpi:e(`appraisal.name.${n}`),value:a}):e(`appraisal.formula.${n}`,{num:y(n,`numerator`,o,r),den:y(n,`denominator`,s,r),value:a})}export{c as C,r as S,a as T,N as _,T as a,s as b,g as c,d,j as f,D as g,E as h,P as i,m as l,C as m,L as n,k as o,x as p,F as r,A as s,I as t,w as u,n as v,o as w,i as x,l as y};