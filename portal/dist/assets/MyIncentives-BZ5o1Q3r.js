import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{c as r,l as i,o as a,p as o,s,t as c}from"./index-C1DSOppe.js";import{t as l}from"./useTranslation-BHcLAHjw.js";import{d as u,o as d,t as f,u as p}from"./usePageTitle-BTu-N59P.js";import{t as m}from"./format-DyU-Atiu.js";import{c as h,i as g,t as _}from"./incentive-DFARsnoZ.js";var v=e(t(),1),y=n();d(`
  fragment QuotaFields on QuotaProgress {
    period
    quota
    netSales
    completion
    remaining
  }
`);function b({title:e,progress:t,kind:n}){let{t:r,i18n:i}=l(),a=i.language===`zh`?`zh-CN`:`en`,o=e=>m(e,a),s=g(t.completion,a),c=_(t.completion);return(0,y.jsxs)(`li`,{className:`card quota-card`,"data-quota":n,children:[(0,y.jsxs)(`p`,{className:`card-title`,children:[(0,y.jsx)(`strong`,{children:e}),` `,(0,y.jsx)(`span`,{className:`mono muted`,children:t.period})]}),s===null?(0,y.jsx)(`p`,{className:`muted`,"data-fact":`no-quota`,children:r(`incentives.noQuota`,{amount:o(t.netSales)})}):(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`div`,{className:`progress`,role:`progressbar`,"aria-label":e,"aria-valuemin":0,"aria-valuemax":100,"aria-valuenow":c,"aria-valuetext":s,children:(0,y.jsx)(`div`,{className:`progress-fill${c>=100?` progress-done`:``}`,style:{width:`${c}%`}})}),(0,y.jsx)(`p`,{"data-fact":`completion`,children:r(`incentives.quotaLine`,{sold:o(t.netSales),quota:o(t.quota),done:s})}),(0,y.jsx)(`p`,{"data-fact":`remaining`,children:Number(t.remaining)>0?r(`incentives.remaining`,{amount:o(t.remaining)}):(0,y.jsx)(`span`,{className:`badge badge-active`,children:r(`incentives.quotaReached`)})})]})]})}var x=d(`
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
`),S=d(`
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
`),C=d(`
  subscription IncentiveDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
      status
    }
  }
`);function w(){let{t:e}=l();f(e(`incentives.title`));let t=(0,v.useId)(),[{data:n}]=i(),d=n?.me.dealer?.id??``,[m,g]=o(),[{data:_}]=p({query:x,variables:{id:d},pause:!d}),w=_?.node?.__typename===`Dealer`?_.node:null,T=w?.subDealers??[],E=m.get(`dealer`),D=E&&T.some(e=>e.id===E)?E:d,O=_?.settings.today,[{data:k,error:A,fetching:j},M]=p({query:S,variables:{id:D,month:O?h(`MONTH`,O):``,quarter:O?h(`QUARTER`,O):``},pause:!D||!O}),N=(0,v.useCallback)(()=>M({requestPolicy:`network-only`}),[M]),P=(0,v.useRef)(null);k?.eventCursor&&!P.current&&(P.current=k.eventCursor);let[F]=u({query:C,variables:{after:P.current},pause:!P.current},(e,t)=>(t.deliveryUpdated.status===`IN_TRANSIT`&&N(),t));(0,v.useEffect)(()=>{F.error&&N()},[F.error,N]);let I=k?.node?.__typename===`Dealer`?k.node:null;return(0,y.jsxs)(`section`,{"aria-labelledby":`incentives-title`,className:`incentives`,children:[(0,y.jsxs)(`div`,{className:`page-head`,children:[(0,y.jsx)(`h1`,{id:`incentives-title`,children:e(`incentives.title`)}),(0,y.jsx)(`button`,{type:`button`,className:`button`,"data-action":`refresh`,onClick:N,children:e(`incentives.refresh`)})]}),(0,y.jsx)(`p`,{className:`lead`,children:e(`incentives.intro`)}),T.length>0&&(0,y.jsxs)(`div`,{className:`filter`,children:[(0,y.jsx)(`label`,{htmlFor:t,children:e(`incentives.showFor`)}),(0,y.jsxs)(`select`,{id:t,name:`dealer`,value:D,onChange:e=>g(e.target.value===d?{}:{dealer:e.target.value}),children:[(0,y.jsx)(`option`,{value:d,children:w?.name}),T.map(e=>(0,y.jsxs)(`option`,{value:e.id,children:[e.name,` (`,e.code,`)`]},e.id))]})]}),d?j&&!k?(0,y.jsx)(r,{}):A&&!k?(0,y.jsx)(s,{error:A,onRetry:N}):I?(0,y.jsxs)(y.Fragment,{children:[I.id!==d&&(0,y.jsx)(`p`,{className:`eyebrow`,children:e(`incentives.viewing`,{name:I.name})}),(0,y.jsx)(`h2`,{id:`incentives-quota`,children:e(`incentives.quotaTitle`)}),(0,y.jsxs)(`ul`,{className:`cards quota-cards`,"aria-labelledby":`incentives-quota`,children:[(0,y.jsx)(b,{kind:`month`,title:e(`incentives.thisMonth`),progress:I.month}),(0,y.jsx)(b,{kind:`quarter`,title:e(`incentives.thisQuarter`),progress:I.quarter})]}),(0,y.jsx)(`h2`,{id:`incentives-rebates`,children:e(`incentives.rebatesTitle`)}),I.rebates.length===0?(0,y.jsx)(a,{children:e(`incentives.noRebates`)}):(0,y.jsx)(`ul`,{className:`cards rebate-statuses`,"aria-labelledby":`incentives-rebates`,children:I.rebates.map(e=>(0,y.jsx)(c,{status:e},e.program.id))})]}):(0,y.jsx)(r,{}):(0,y.jsx)(a,{children:e(`incentives.noDealer`)})]})}export{C as IncentiveDeliveriesSubscription,w as MyIncentives,x as MyIncentivesDealersQuery,S as MyIncentivesQuery};