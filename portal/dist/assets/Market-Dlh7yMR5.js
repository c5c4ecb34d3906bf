import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-CNuGqkbR.js";import{_ as f,a as p,g as m,h,m as g}from"./index-BQF-CtQ0.js";import{n as _,t as v}from"./format-DyU-Atiu.js";var y=e(t(),1),b=n(),x=20,S=c(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
        }
      }
    }
  }
`),C=c(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
      }
      product {
        id
        sku
        name
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),w=c(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          dealer {
            id
            name
          }
          territory {
            id
            name
          }
          product {
            id
            sku
            name
          }
        }
      }
    }
  }
`),T=c(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=i(),[{data:t}]=f(),n=t?.me,r=n?.role===`DEALER`;u(e(`market.title`));let[a,o]=(0,y.useState)(0),[{data:s,error:c}]=d({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(c&&!s)return(0,b.jsx)(h,{error:c});if(!s)return(0,b.jsx)(m,{});let l=(s.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),p=r?s.dealer?.__typename===`Dealer`?s.dealer.territories??[]:[]:(s.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,b.jsx)(D,{territories:p,products:l,today:s.settings.today,onSent:()=>o(e=>e+1)}),r&&(0,b.jsx)(O,{sent:a}),(0,b.jsx)(k,{territories:p,products:l,staff:!r,sent:a})]})}function D({territories:e,products:t,today:n,onSent:r}){let{t:c}=i(),u=(0,y.useId)(),d={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[f,p]=(0,y.useState)(d),[m,h]=(0,y.useState)(!1),[{fetching:g,error:_},v]=o(T),x=a(_),S=e=>{let t=x.find(t=>l(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>p(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${u}-title`,children:[(0,b.jsx)(`h2`,{id:`${u}-title`,children:c(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),h(!1),(await v({input:{...f,note:f.note||null}})).error||(p({...d,territoryID:f.territoryID}),h(!0),r())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-territory`,children:c(`market.territory`)}),(0,b.jsx)(`select`,{id:`${u}-territory`,name:`territoryID`,value:f.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-product`,children:c(`market.product`)}),(0,b.jsxs)(`select`,{id:`${u}-product`,name:`productID`,value:f.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:c(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-competitor`,children:c(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${u}-competitor`,name:`competitor`,value:f.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-price`,children:c(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${u}-price`,name:`observedPrice`,inputMode:`decimal`,value:f.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-on`,children:c(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${u}-on`,name:`observedOn`,type:`date`,max:n,value:f.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-note`,children:c(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${u}-note`,name:`note`,rows:2,maxLength:2e3,value:f.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:g,children:c(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:m?c(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=i(),[{data:r,error:a},o]=d({query:C,variables:{}});(0,y.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let s=r?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!r?(0,b.jsx)(h,{error:a}):r?s.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:s.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?v(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(g,{children:t(`market.noObservations`)}):(0,b.jsx)(m,{}),r&&s.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:a}){let{t:o,i18n:s}=i(),c=(0,y.useId)(),[l,u]=r(),f={territoryID:l.get(`territory`)||null,productID:l.get(`product`)||null,from:l.get(`from`)||null,to:l.get(`to`)||null},S=l.get(`after`),C=l.get(`before`),T={...f,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=d({query:w,variables:T});(0,y.useEffect)(()=>{a&&k({requestPolicy:`network-only`})},[a,k]);let A=e=>{let t={},n={territory:f.territoryID,product:f.productID,from:f.from,to:f.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);u(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:o(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${c}-t`,children:o(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${c}-t`,value:f.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:o(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${c}-p`,children:o(`market.product`)}),(0,b.jsxs)(`select`,{id:`${c}-p`,value:f.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:o(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${c}-from`,children:o(`market.from`)}),(0,b.jsx)(`input`,{id:`${c}-from`,type:`date`,value:f.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${c}-to`,children:o(`market.to`)}),(0,b.jsx)(`input`,{id:`${c}-to`,type:`date`,value:f.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(m,{}):D&&!E?(0,b.jsx)(h,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:o(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:o(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:o(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:o(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:o(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:o(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:o(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:o(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:o(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":o(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":o(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":o(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":o(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":o(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":o(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,s.language)}),(0,b.jsxs)(`td`,{"data-label":o(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:_(e.reportedAt,s.language)})]}),(0,b.jsx)(`td`,{"data-label":o(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(p,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(g,{children:o(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};