import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{l as r,o as i,t as a,tt as o,u as s}from"./usePageTitle-D7wztDxw.js";import{t as c}from"./useTranslation-C_P0klXE.js";import{a as l,i as u,o as d,r as f,t as p}from"./format-k1avjGqr.js";import{c as m,i as h,t as g}from"./incentive-DFARsnoZ.js";import{t as _}from"./index-BzwCKtMq.js";var v=e(t(),1),y=n();i(`
  fragment QuotaFields on QuotaProgress {
    period
    quota
    netSales
    completion
    remaining
  }
`);function b({title:e,progress:t,kind:n}){let{t:r,i18n:i}=c(),a=i.language===`zh`?`zh-CN`:`en`,o=e=>p(e,a),s=h(t.completion,a),l=g(t.completion);return(0,y.jsxs)(`li`,{className:`card quota-card`,"data-quota":n,children:[(0,y.jsxs)(`p`,{className:`card-title`,children:[(0,y.jsx)(`strong`,{children:e}),` `,(0,y.jsx)(`span`,{className:`mono muted`,children:t.period})]}),s===null?(0,y.jsx)(`p`,{className:`muted`,"data-fact":`no-quota`,children:r(`incentives.noQuota`,{amount:o(t.netSales)})}):(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`div`,{className:`progress`,role:`progressbar`,"aria-label":e,"aria-valuemin":0,"aria-valuemax":100,"aria-valuenow":l,"aria-valuetext":s,children:(0,y.jsx)(`div`,{className:`progress-fill${l>=100?` progress-done`:``}`,style:{width:`${l}%`}})}),(0,y.jsx)(`p`,{"data-fact":`completion`,children:r(`incentives.quotaLine`,{sold:o(t.netSales),quota:o(t.quota),done:s})}),(0,y.jsx)(`p`,{"data-fact":`remaining`,children:Number(t.remaining)>0?r(`incentives.remaining`,{amount:o(t.remaining)}):(0,y.jsx)(`span`,{className:`badge badge-active`,children:r(`incentives.quotaReached`)})})]})]})}var x=i(`
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
`),S=i(`
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
`),C=i(`
  subscription IncentiveDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
      status
    }
  }
`);function w(){let{t:e}=c();a(e(`incentives.title`));let t=(0,v.useId)(),[{data:n}]=d(),i=n?.me.dealer?.id??``,[p,h]=o(),[{data:g}]=r({query:x,variables:{id:i},pause:!i}),w=g?.node?.__typename===`Dealer`?g.node:null,T=w?.subDealers??[],E=p.get(`dealer`),D=E&&T.some(e=>e.id===E)?E:i,O=g?.settings.today,[{data:k,error:A,fetching:j},M]=r({query:S,variables:{id:D,month:O?m(`MONTH`,O):``,quarter:O?m(`QUARTER`,O):``},pause:!D||!O}),N=(0,v.useCallback)(()=>M({requestPolicy:`network-only`}),[M]),P=(0,v.useRef)(null);k?.eventCursor&&!P.current&&(P.current=k.eventCursor);let[F]=s({query:C,variables:{after:P.current},pause:!P.current},(e,t)=>(t.deliveryUpdated.status===`IN_TRANSIT`&&N(),t));(0,v.useEffect)(()=>{F.error&&N()},[F.error,N]);let I=k?.node?.__typename===`Dealer`?k.node:null;return(0,y.jsxs)(`section`,{"aria-labelledby":`incentives-title`,className:`incentives`,children:[(0,y.jsxs)(`div`,{className:`page-head`,children:[(0,y.jsx)(`h1`,{id:`incentives-title`,children:e(`incentives.title`)}),(0,y.jsx)(`button`,{type:`button`,className:`button`,"data-action":`refresh`,onClick:N,children:e(`incentives.refresh`)})]}),(0,y.jsx)(`p`,{className:`lead`,children:e(`incentives.intro`)}),T.length>0&&(0,y.jsxs)(`div`,{className:`filter`,children:[(0,y.jsx)(`label`,{htmlFor:t,children:e(`incentives.showFor`)}),(0,y.jsxs)(`select`,{id:t,name:`dealer`,value:D,onChange:e=>h(e.target.value===i?{}:{dealer:e.target.value}),children:[(0,y.jsx)(`option`,{value:i,children:w?.name}),T.map(e=>(0,y.jsxs)(`option`,{value:e.id,children:[e.name,` (`,e.code,`)`]},e.id))]})]}),i?j&&!k?(0,y.jsx)(l,{}):A&&!k?(0,y.jsx)(u,{error:A,onRetry:N}):I?(0,y.jsxs)(y.Fragment,{children:[I.id!==i&&(0,y.jsx)(`p`,{className:`eyebrow`,children:e(`incentives.viewing`,{name:I.name})}),(0,y.jsx)(`h2`,{id:`incentives-quota`,children:e(`incentives.quotaTitle`)}),(0,y.jsxs)(`ul`,{className:`cards quota-cards`,"aria-labelledby":`incentives-quota`,children:[(0,y.jsx)(b,{kind:`month`,title:e(`incentives.thisMonth`),progress:I.month}),(0,y.jsx)(b,{kind:`quarter`,title:e(`incentives.thisQuarter`),progress:I.quarter})]}),(0,y.jsx)(`h2`,{id:`incentives-rebates`,children:e(`incentives.rebatesTitle`)}),I.rebates.length===0?(0,y.jsx)(f,{children:e(`incentives.noRebates`)}):(0,y.jsx)(`ul`,{className:`cards rebate-statuses`,"aria-labelledby":`incentives-rebates`,children:I.rebates.map(e=>(0,y.jsx)(_,{status:e},e.program.id))})]}):(0,y.jsx)(l,{}):(0,y.jsx)(f,{children:e(`incentives.noDealer`)})]})}export{C as IncentiveDeliveriesSubscription,w as MyIncentives,x as MyIncentivesDealersQuery,S as MyIncentivesQuery};