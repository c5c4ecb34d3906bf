import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{a as r,i,l as a,n as o}from"./index-DtfarXTc.js";import{t as s}from"./useTranslation-C_P0klXE.js";import{a as c,i as l,l as u,m as d,n as f,o as p,p as m,r as h,s as g,t as _,u as v}from"./usePageTitle-Df7Stdrq.js";var y=e(t(),1),b=n(),x=20,S=v(`
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
`),C=v(`
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
`),w=v(`
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
`),T=v(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=s(),[{data:t}]=u(),n=t?.me,r=n?.role===`DEALER`;_(e(`market.title`));let[i,a]=(0,y.useState)(0),[{data:o,error:c}]=d({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(c&&!o)return(0,b.jsx)(h,{error:c});if(!o)return(0,b.jsx)(l,{});let f=(o.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),p=r?o.dealer?.__typename===`Dealer`?o.dealer.territories??[]:[]:(o.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,b.jsx)(D,{territories:p,products:f,today:o.settings.today,onSent:()=>a(e=>e+1)}),r&&(0,b.jsx)(O,{sent:i}),(0,b.jsx)(k,{territories:p,products:f,staff:!r,sent:i})]})}function D({territories:e,products:t,today:n,onSent:r}){let{t:i}=s(),a=(0,y.useId)(),o={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[l,u]=(0,y.useState)(o),[d,f]=(0,y.useState)(!1),[{fetching:h,error:_},v]=m(T),x=g(_),S=e=>{let t=x.find(t=>p(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:c(i,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>u(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${a}-title`,children:[(0,b.jsx)(`h2`,{id:`${a}-title`,children:i(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),f(!1),(await v({input:{...l,note:l.note||null}})).error||(u({...o,territoryID:l.territoryID}),f(!0),r())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-territory`,children:i(`market.territory`)}),(0,b.jsx)(`select`,{id:`${a}-territory`,name:`territoryID`,value:l.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-product`,children:i(`market.product`)}),(0,b.jsxs)(`select`,{id:`${a}-product`,name:`productID`,value:l.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-competitor`,children:i(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${a}-competitor`,name:`competitor`,value:l.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-price`,children:i(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${a}-price`,name:`observedPrice`,inputMode:`decimal`,value:l.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-on`,children:i(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${a}-on`,name:`observedOn`,type:`date`,max:n,value:l.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-note`,children:i(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${a}-note`,name:`note`,rows:2,maxLength:2e3,value:l.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:c(i,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:h,children:i(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:d?i(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=s(),[{data:r,error:a},o]=d({query:C,variables:{}});(0,y.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let c=r?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!r?(0,b.jsx)(h,{error:a}):r?c.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:c.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:i(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?i(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(f,{children:t(`market.noObservations`)}):(0,b.jsx)(l,{}),r&&c.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:c}){let{t:u,i18n:p}=s(),m=(0,y.useId)(),[g,_]=a(),v={territoryID:g.get(`territory`)||null,productID:g.get(`product`)||null,from:g.get(`from`)||null,to:g.get(`to`)||null},S=g.get(`after`),C=g.get(`before`),T={...v,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=d({query:w,variables:T});(0,y.useEffect)(()=>{c&&k({requestPolicy:`network-only`})},[c,k]);let A=e=>{let t={},n={territory:v.territoryID,product:v.productID,from:v.from,to:v.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);_(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:u(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${m}-t`,children:u(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${m}-t`,value:v.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:u(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${m}-p`,children:u(`market.product`)}),(0,b.jsxs)(`select`,{id:`${m}-p`,value:v.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:u(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${m}-from`,children:u(`market.from`)}),(0,b.jsx)(`input`,{id:`${m}-from`,type:`date`,value:v.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${m}-to`,children:u(`market.to`)}),(0,b.jsx)(`input`,{id:`${m}-to`,type:`date`,value:v.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(l,{}):D&&!E?(0,b.jsx)(h,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:u(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:u(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:u(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:u(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":u(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":u(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":u(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":u(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":u(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":u(`market.observedPrice`),className:`num money`,children:i(e.observedPrice,p.language)}),(0,b.jsxs)(`td`,{"data-label":u(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:r(e.reportedAt,p.language)})]}),(0,b.jsx)(`td`,{"data-label":u(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(o,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(f,{children:u(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};