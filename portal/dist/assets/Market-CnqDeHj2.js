import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{c as r,i,l as a,n as o,o as s,r as c,t as l,tt as u}from"./usePageTitle-D7wztDxw.js";import{t as d}from"./useTranslation-C_P0klXE.js";import{a as f,i as p,n as m,o as h,r as g,t as _}from"./format-k1avjGqr.js";import{n as v}from"./index-BzwCKtMq.js";var y=e(t(),1),b=n(),x=20,S=s(`
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
`),C=s(`
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
`),w=s(`
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
`),T=s(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=d(),[{data:t}]=h(),n=t?.me,r=n?.role===`DEALER`;l(e(`market.title`));let[i,o]=(0,y.useState)(0),[{data:s,error:c}]=a({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(c&&!s)return(0,b.jsx)(p,{error:c});if(!s)return(0,b.jsx)(f,{});let u=(s.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),m=r?s.dealer?.__typename===`Dealer`?s.dealer.territories??[]:[]:(s.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,b.jsx)(D,{territories:m,products:u,today:s.settings.today,onSent:()=>o(e=>e+1)}),r&&(0,b.jsx)(O,{sent:i}),(0,b.jsx)(k,{territories:m,products:u,staff:!r,sent:i})]})}function D({territories:e,products:t,today:n,onSent:a}){let{t:s}=d(),l=(0,y.useId)(),u={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[f,p]=(0,y.useState)(u),[m,h]=(0,y.useState)(!1),[{fetching:g,error:_},v]=r(T),x=i(_),S=e=>{let t=x.find(t=>c(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(s,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>p(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${l}-title`,children:[(0,b.jsx)(`h2`,{id:`${l}-title`,children:s(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),h(!1),(await v({input:{...f,note:f.note||null}})).error||(p({...u,territoryID:f.territoryID}),h(!0),a())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-territory`,children:s(`market.territory`)}),(0,b.jsx)(`select`,{id:`${l}-territory`,name:`territoryID`,value:f.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-product`,children:s(`market.product`)}),(0,b.jsxs)(`select`,{id:`${l}-product`,name:`productID`,value:f.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:s(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-competitor`,children:s(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${l}-competitor`,name:`competitor`,value:f.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-price`,children:s(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${l}-price`,name:`observedPrice`,inputMode:`decimal`,value:f.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-on`,children:s(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${l}-on`,name:`observedOn`,type:`date`,max:n,value:f.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-note`,children:s(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${l}-note`,name:`note`,rows:2,maxLength:2e3,value:f.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(s,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:g,children:s(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:m?s(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=d(),[{data:r,error:i},o]=a({query:C,variables:{}});(0,y.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let s=r?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),i&&!r?(0,b.jsx)(p,{error:i}):r?s.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:s.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:_(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?_(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(g,{children:t(`market.noObservations`)}):(0,b.jsx)(f,{}),r&&s.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:r}){let{t:i,i18n:o}=d(),s=(0,y.useId)(),[c,l]=u(),h={territoryID:c.get(`territory`)||null,productID:c.get(`product`)||null,from:c.get(`from`)||null,to:c.get(`to`)||null},S=c.get(`after`),C=c.get(`before`),T={...h,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=a({query:w,variables:T});(0,y.useEffect)(()=>{r&&k({requestPolicy:`network-only`})},[r,k]);let A=e=>{let t={},n={territory:h.territoryID,product:h.productID,from:h.from,to:h.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);l(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:i(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-t`,children:i(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${s}-t`,value:h.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${s}-p`,children:i(`market.product`)}),(0,b.jsxs)(`select`,{id:`${s}-p`,value:h.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${s}-from`,children:i(`market.from`)}),(0,b.jsx)(`input`,{id:`${s}-from`,type:`date`,value:h.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${s}-to`,children:i(`market.to`)}),(0,b.jsx)(`input`,{id:`${s}-to`,type:`date`,value:h.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(f,{}):D&&!E?(0,b.jsx)(p,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:i(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:i(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:i(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:i(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":i(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":i(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":i(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":i(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":i(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":i(`market.observedPrice`),className:`num money`,children:_(e.observedPrice,o.language)}),(0,b.jsxs)(`td`,{"data-label":i(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:m(e.reportedAt,o.language)})]}),(0,b.jsx)(`td`,{"data-label":i(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(v,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(g,{children:i(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};