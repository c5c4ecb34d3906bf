import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{d as a,o,t as s,u as c}from"./usePageTitle-CNuGqkbR.js";import{_ as l,g as u,h as d,m as f,n as p}from"./index-BQF-CtQ0.js";import{t as m}from"./format-DyU-Atiu.js";import{c as h,i as g,t as _}from"./incentive-DFARsnoZ.js";var v=e(t(),1),y=n();o(`
  fragment QuotaFields on QuotaProgress {
    period
    quota
    netSales
    completion
    remaining
  }
`);function b({title:e,progress:t,kind:n}){let{t:r,i18n:a}=i(),o=a.language===`zh`?`zh-CN`:`en`,s=e=>m(e,o),c=g(t.completion,o),l=_(t.completion);return(0,y.jsxs)(`li`,{className:`card quota-card`,"data-quota":n,children:[(0,y.jsxs)(`p`,{className:`card-title`,children:[(0,y.jsx)(`strong`,{children:e}),` `,(0,y.jsx)(`span`,{className:`mono muted`,children:t.period})]}),c===null?(0,y.jsx)(`p`,{className:`muted`,"data-fact":`no-quota`,children:r(`incentives.noQuota`,{amount:s(t.netSales)})}):(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`div`,{className:`progress`,role:`progressbar`,"aria-label":e,"aria-valuemin":0,"aria-valuemax":100,"aria-valuenow":l,"aria-valuetext":c,children:(0,y.jsx)(`div`,{className:`progress-fill${l>=100?` progress-done`:``}`,style:{width:`${l}%`}})}),(0,y.jsx)(`p`,{"data-fact":`completion`,children:r(`incentives.quotaLine`,{sold:s(t.netSales),quota:s(t.quota),done:c})}),(0,y.jsx)(`p`,{"data-fact":`remaining`,children:Number(t.remaining)>0?r(`incentives.remaining`,{amount:s(t.remaining)}):(0,y.jsx)(`span`,{className:`badge badge-active`,children:r(`incentives.quotaReached`)})})]})]})}var x=o(`
  query MyIncentivesDealers($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        name
        subDealers {
          id
          code
          name
        }
      }
    }
  }
`),S=o(`
  query MyIncentives($id: ID!, $month: Period!, $quarter: Period!) {
    eventCursor
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        code
        name
        month: quotaProgress(period: $month) {
          ...QuotaFields
        }
        quarter: quotaProgress(period: $quarter) {
          ...QuotaFields
        }
        rebates {
          ...RebateStatusFields
        }
      }
    }
  }
`),C=o(`
  subscription IncentiveDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
      status
    }
  }
`);function w(){let{t:e}=i();s(e(`incentives.title`));let t=(0,v.useId)(),[{data:n}]=l(),o=n?.me.dealer?.id??``,[m,g]=r(),[{data:_}]=c({query:x,variables:{id:o},pause:!o}),w=_?.node?.__typename===`Dealer`?_.node:null,T=w?.subDealers??[],E=m.get(`dealer`),D=E&&T.some(e=>e.id===E)?E:o,O=_?.settings.today,[{data:k,error:A,fetching:j},M]=c({query:S,variables:{id:D,month:O?h(`MONTH`,O):``,quarter:O?h(`QUARTER`,O):``},pause:!D||!O}),N=(0,v.useCallback)(()=>M({requestPolicy:`network-only`}),[M]),P=(0,v.useRef)(null);k?.eventCursor&&!P.current&&(P.current=k.eventCursor);let[F]=a({query:C,variables:{after:P.current},pause:!P.current},(e,t)=>(t.deliveryUpdated.status===`IN_TRANSIT`&&N(),t));(0,v.useEffect)(()=>{F.error&&N()},[F.error,N]);let I=k?.node?.__typename===`Dealer`?k.node:null;return(0,y.jsxs)(`section`,{"aria-labelledby":`incentives-title`,className:`incentives`,children:[(0,y.jsxs)(`div`,{className:`page-head`,children:[(0,y.jsx)(`h1`,{id:`incentives-title`,children:e(`incentives.title`)}),(0,y.jsx)(`button`,{type:`button`,className:`button`,"data-action":`refresh`,onClick:N,children:e(`incentives.refresh`)})]}),(0,y.jsx)(`p`,{className:`lead`,children:e(`incentives.intro`)}),T.length>0&&(0,y.jsxs)(`div`,{className:`filter`,children:[(0,y.jsx)(`label`,{htmlFor:t,children:e(`incentives.showFor`)}),(0,y.jsxs)(`select`,{id:t,name:`dealer`,value:D,onChange:e=>g(e.target.value===o?{}:{dealer:e.target.value}),children:[(0,y.jsx)(`option`,{value:o,children:w?.name}),T.map(e=>(0,y.jsxs)(`option`,{value:e.id,children:[e.name,` (`,e.code,`)`]},e.id))]})]}),o?j&&!k?(0,y.jsx)(u,{}):A&&!k?(0,y.jsx)(d,{error:A,onRetry:N}):I?(0,y.jsxs)(y.Fragment,{children:[I.id!==o&&(0,y.jsx)(`p`,{className:`eyebrow`,children:e(`incentives.viewing`,{name:I.name})}),(0,y.jsx)(`h2`,{id:`incentives-quota`,children:e(`incentives.quotaTitle`)}),(0,y.jsxs)(`ul`,{className:`cards quota-cards`,"aria-labelledby":`incentives-quota`,children:[(0,y.jsx)(b,{kind:`month`,title:e(`incentives.thisMonth`),progress:I.month}),(0,y.jsx)(b,{kind:`quarter`,title:e(`incentives.thisQuarter`),progress:I.quarter})]}),(0,y.jsx)(`h2`,{id:`incentives-rebates`,children:e(`incentives.rebatesTitle`)}),I.rebates.length===0?(0,y.jsx)(f,{children:e(`incentives.noRebates`)}):(0,y.jsx)(`ul`,{className:`cards rebate-statuses`,"aria-labelledby":`incentives-rebates`,children:I.rebates.map(e=>(0,y.jsx)(p,{status:e},e.program.id))})]}):(0,y.jsx)(u,{}):(0,y.jsx)(f,{children:e(`incentives.noDealer`)})]})}export{C as IncentiveDeliveriesSubscription,w as MyIncentives,x as MyIncentivesDealersQuery,S as MyIncentivesQuery};