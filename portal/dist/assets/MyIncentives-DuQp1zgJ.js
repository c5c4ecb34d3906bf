import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{d as a,o,t as s,u as c}from"./usePageTitle-CUEgSYxO.js";import{t as l}from"./viewer-BCh4hgTe.js";import{n as u,r as d,t as f}from"./States-Fx22-PiY.js";import{_ as p,v as m}from"./index-Bfgpyg1k.js";import{c as h}from"./incentive-DFARsnoZ.js";var g=e(t(),1),_=n(),v=o(`
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
`),y=o(`
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
`),b=o(`
  subscription IncentiveDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
      status
    }
  }
`);function x(){let{t:e}=i();s(e(`incentives.title`));let t=(0,g.useId)(),[{data:n}]=l(),o=n?.me.dealer?.id??``,[x,S]=r(),[{data:C}]=c({query:v,variables:{id:o},pause:!o}),w=C?.node?.__typename===`Dealer`?C.node:null,T=w?.subDealers??[],E=x.get(`dealer`),D=E&&T.some(e=>e.id===E)?E:o,O=C?.settings.today,[{data:k,error:A,fetching:j},M]=c({query:y,variables:{id:D,month:O?h(`MONTH`,O):``,quarter:O?h(`QUARTER`,O):``},pause:!D||!O}),N=(0,g.useCallback)(()=>M({requestPolicy:`network-only`}),[M]),P=(0,g.useRef)(null);k?.eventCursor&&!P.current&&(P.current=k.eventCursor);let[F]=a({query:b,variables:{after:P.current},pause:!P.current},(e,t)=>(t.deliveryUpdated.status===`IN_TRANSIT`&&N(),t));(0,g.useEffect)(()=>{F.error&&N()},[F.error,N]);let I=k?.node?.__typename===`Dealer`?k.node:null;return(0,_.jsxs)(`section`,{"aria-labelledby":`incentives-title`,className:`incentives`,children:[(0,_.jsxs)(`div`,{className:`page-head`,children:[(0,_.jsx)(`h1`,{id:`incentives-title`,children:e(`incentives.title`)}),(0,_.jsx)(`button`,{type:`button`,className:`button`,"data-action":`refresh`,onClick:N,children:e(`incentives.refresh`)})]}),(0,_.jsx)(`p`,{className:`lead`,children:e(`incentives.intro`)}),T.length>0&&(0,_.jsxs)(`div`,{className:`filter`,children:[(0,_.jsx)(`label`,{htmlFor:t,children:e(`incentives.showFor`)}),(0,_.jsxs)(`select`,{id:t,name:`dealer`,value:D,onChange:e=>S(e.target.value===o?{}:{dealer:e.target.value}),children:[(0,_.jsx)(`option`,{value:o,children:w?.name}),T.map(e=>(0,_.jsxs)(`option`,{value:e.id,children:[e.name,` (`,e.code,`)`]},e.id))]})]}),o?j&&!k?(0,_.jsx)(d,{}):A&&!k?(0,_.jsx)(u,{error:A,onRetry:N}):I?(0,_.jsxs)(_.Fragment,{children:[I.id!==o&&(0,_.jsx)(`p`,{className:`eyebrow`,children:e(`incentives.viewing`,{name:I.name})}),(0,_.jsx)(`h2`,{id:`incentives-quota`,children:e(`incentives.quotaTitle`)}),(0,_.jsxs)(`ul`,{className:`cards quota-cards`,"aria-labelledby":`incentives-quota`,children:[(0,_.jsx)(m,{kind:`month`,title:e(`incentives.thisMonth`),progress:I.month}),(0,_.jsx)(m,{kind:`quarter`,title:e(`incentives.thisQuarter`),progress:I.quarter})]}),(0,_.jsx)(`h2`,{id:`incentives-rebates`,children:e(`incentives.rebatesTitle`)}),I.rebates.length===0?(0,_.jsx)(f,{children:e(`incentives.noRebates`)}):(0,_.jsx)(`ul`,{className:`cards rebate-statuses`,"aria-labelledby":`incentives-rebates`,children:I.rebates.map(e=>(0,_.jsx)(p,{status:e},e.program.id))})]}):(0,_.jsx)(d,{}):(0,_.jsx)(f,{children:e(`incentives.noDealer`)})]})}export{b as IncentiveDeliveriesSubscription,x as MyIncentives,v as MyIncentivesDealersQuery,y as MyIncentivesQuery};